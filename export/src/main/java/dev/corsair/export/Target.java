package dev.corsair.export;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the exported configuration listens and forwards, and where the engine writes.
 *
 * @param listenHost the address to listen on (an IPv6 address without brackets)
 * @param listenPort the port to listen on
 * @param upstreamHost the upstream's host (an IPv6 address without brackets)
 * @param upstreamPort the upstream's port
 * @param basePath the upstream URL's path without a trailing slash ("" when none), prefixed to
 *     every request target as the gateway does
 * @param prefix the absolute directory the engine writes to (pid, logs, temporary files)
 * @param modulesDir the directory of the engine's loadable modules, or null for Debian's
 */
record Target(
    String listenHost,
    int listenPort,
    String upstreamHost,
    int upstreamPort,
    String basePath,
    Path prefix,
    Path modulesDir) {

  /** {@code host:port} for the {@code Host} header sent upstream, as the gateway sends it. */
  String upstreamAuthority() {
    return bracketed(upstreamHost) + (upstreamPort == 80 ? "" : ":" + upstreamPort);
  }

  /** {@code host:port} for a socket address ({@code [::1]:8080}). */
  String upstreamAddress() {
    return bracketed(upstreamHost) + ":" + upstreamPort;
  }

  /** {@code host:port} to listen on ({@code [::1]:8080}). */
  String listenAddress() {
    return bracketed(listenHost) + ":" + listenPort;
  }

  static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /**
   * Parses {@code --upstream}: {@code http://host[:port][/base]}.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  static String[] parseUpstream(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--upstream "
              + url
              + ": not a URL ("
              + e.getReason()
              + "); use e.g. http://127.0.0.1:3000");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      throw new IllegalArgumentException(
          "--upstream "
              + url
              + ": export writes plain http:// upstreams only (each engine verifies upstream"
              + " certificates differently); give the upstream as http://HOST:PORT, or run"
              + " corsair gateway --upstream "
              + url);
    }
    if (!scheme.equals("http") || u.getHost() == null) {
      throw new IllegalArgumentException(
          "--upstream "
              + url
              + ": the URL needs the form http://HOST[:PORT][/PATH], e.g. http://127.0.0.1:3000");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "--upstream "
              + url
              + ": give only http://HOST[:PORT][/PATH], without user, query or fragment");
    }
    String host = u.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String base = u.getRawPath() == null ? "" : u.getRawPath();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new String[] {host, String.valueOf(u.getPort() < 0 ? 80 : u.getPort()), base};
  }

  /**
   * Parses {@code --listen [HOST:]PORT}; the host defaults to 127.0.0.1, as for the gateway.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  static String[] parseListen(String value) {
    String host = "127.0.0.1";
    String port = value;
    int colon = value.lastIndexOf(':');
    if (colon >= 0) {
      host = value.substring(0, colon);
      port = value.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = "127.0.0.1";
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 1 || p > 65535 || !host.matches("[A-Za-z0-9.:_-]+")) {
      throw new IllegalArgumentException(
          "--listen "
              + value
              + ": not a [HOST:]PORT; write e.g. 8080 or 127.0.0.1:8080 (port 1..65535)");
    }
    return new String[] {host, String.valueOf(p)};
  }
}
