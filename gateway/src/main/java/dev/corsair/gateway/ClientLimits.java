package dev.corsair.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How long and how much a client may take: the timeouts of a client connection and the counts that
 * bound what it holds. Each is a flag ({@code --KEY VALUE}) and a key of the YAML file's {@code
 * limits:} map; docs/gateway.md lists them beside nginx's.
 *
 * @param headerTimeout longest time from a request's first byte (or the connection's opening) to
 *     its complete head
 * @param bodyTimeout longest time without a byte while the gateway reads a request body
 * @param keepAliveTimeout longest idle time between two requests on a keep-alive connection
 * @param maxRequestsPerConnection requests served on one connection before it is closed
 * @param maxConnections client connections open at once; more are closed on accept
 */
record ClientLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration keepAliveTimeout,
    int maxRequestsPerConnection,
    int maxConnections) {

  static final ClientLimits DEFAULTS =
      new ClientLimits(
          Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(75), 10_000, 4096);

  /** The setting names, as YAML keys and (with {@code --}) as flags. */
  static final List<String> KEYS =
      List.of(
          "client-header-timeout",
          "client-body-timeout",
          "keepalive-timeout",
          "max-requests-per-connection",
          "max-connections");

  /**
   * These limits with {@code settings} applied (keys of {@link #KEYS}).
   *
   * @param source how the user wrote them, for messages: {@code "--"} for flags, or {@code
   *     "corsair.yaml limits."}
   * @throws IllegalArgumentException naming the setting, the value and what to write instead
   */
  ClientLimits with(Map<String, String> settings, String source) {
    Duration header = headerTimeout;
    Duration body = bodyTimeout;
    Duration idle = keepAliveTimeout;
    int requests = maxRequestsPerConnection;
    int connections = maxConnections;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String name = source + e.getKey();
      String value = e.getValue();
      switch (e.getKey()) {
        case "client-header-timeout":
          header = seconds(name, value);
          break;
        case "client-body-timeout":
          body = seconds(name, value);
          break;
        case "keepalive-timeout":
          idle = seconds(name, value);
          break;
        case "max-requests-per-connection":
          requests = count(name, value, 1_000_000_000);
          break;
        case "max-connections":
          connections = count(name, value, 1_000_000);
          break;
        default:
          throw new IllegalArgumentException(
              name + ": unknown limit; the limits are " + String.join(", ", KEYS));
      }
    }
    return new ClientLimits(header, body, idle, requests, connections);
  }

  /**
   * The {@code limits:} map of a YAML configuration file, as text by key; empty when it has none.
   * (The file was read and checked by {@link PolicyConfig} first.)
   *
   * @throws IllegalArgumentException when {@code limits} is not a map
   */
  static Map<String, String> fromYaml(Path file) {
    Object doc;
    try {
      doc =
          new Load(LoadSettings.builder().setLabel(file.toString()).build())
              .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Map.of(); // PolicyConfig reported it already
    }
    if (!(doc instanceof Map) || !((Map<?, ?>) doc).containsKey("limits")) {
      return Map.of();
    }
    Object limits = ((Map<?, ?>) doc).get("limits");
    if (!(limits instanceof Map)) {
      throw new IllegalArgumentException(
          "--config "
              + file
              + ": 'limits' must be a map, e.g. 'limits: {client-header-timeout: 60}'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<?, ?>) limits).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /** A positive number of seconds (fractions allowed), at most a day. */
  static Duration seconds(String name, String value) {
    try {
      double s = Double.parseDouble(value.trim());
      if (s > 0 && s <= 86400) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " " + value + ": not a number of seconds (0 < s <= 86400); write e.g. 30");
  }

  private static int count(String name, String value, int max) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " " + value + ": not a whole number from 1 to " + max + "; write e.g. 1000");
  }
}
