package dev.corsair.gateway;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * One upstream origin that requests are forwarded to, with its idle keep-alive connections kept per
 * event loop (a connection is only ever used by the loop that owns the client connection, so the
 * pool needs no lock).
 */
final class Upstream {
  /** Idle connections kept per event loop; more are closed when released. */
  static final int MAX_IDLE_PER_LOOP = 1024;

  final URI uri;
  final boolean tls;
  final String host;
  final int port;

  /** {@code host[:port]}, the port left out when it is the scheme's default: the Host header. */
  final String authority;

  /** {@code scheme://authority}, for rewriting {@code Location}. */
  final String origin;

  /** The upstream URL's path without a trailing slash ("" when none), prefixed to requests. */
  final String basePath;

  /** The URL the access log and messages name it by, built once. */
  private final String display;

  final SslContext ssl;
  private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

  private Upstream(URI uri, String basePath, SslContext ssl) {
    this.uri = uri;
    this.tls = uri.getScheme().equalsIgnoreCase("https");
    this.host = uri.getHost();
    int defaultPort = tls ? 443 : 80;
    this.port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    this.authority = port == defaultPort ? h : h + ":" + port;
    this.origin = (tls ? "https://" : "http://") + authority;
    this.basePath = basePath;
    this.display = origin + basePath;
    this.ssl = ssl;
  }

  /**
   * Parses an upstream URL ({@code http://host:port[/base]} or {@code https://...}).
   *
   * @param caFile a PEM file of CA certificates to trust for https upstreams, or null for the JDK's
   * @throws IllegalArgumentException with a message saying what to change
   */
  static Upstream parse(String option, String url, String caFile) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          option
              + " "
              + url
              + ": not a URL ("
              + e.getReason()
              + "); use e.g. http://127.0.0.1:3000");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          option
              + " "
              + url
              + ": the URL needs an http:// or https:// scheme, e.g. http://"
              + url.substring(url.indexOf("://") < 0 ? 0 : url.indexOf("://") + 3));
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          option + " " + url + ": the URL has no host; use e.g. http://127.0.0.1:3000");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          option
              + " "
              + url
              + ": the URL may not carry a query, fragment or user info; give scheme://host:port[/path]");
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    SslContext ssl = null;
    if (scheme.equals("https") || caFile != null) {
      try {
        SslContextBuilder b =
            SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
        if (caFile != null) {
          File f = new File(caFile);
          if (!f.isFile()) {
            throw new IllegalArgumentException(
                "--upstream-ca " + caFile + ": no such file; give a PEM file of CA certificates");
          }
          b.trustManager(f);
        }
        ssl = b.build();
      } catch (SSLException | IllegalArgumentException e) {
        if (e instanceof IllegalArgumentException && e.getMessage().startsWith("--upstream-ca")) {
          throw (IllegalArgumentException) e;
        }
        throw new IllegalArgumentException(
            "--upstream-ca " + caFile + ": cannot read the certificates (" + e.getMessage() + ")");
      }
    }
    return new Upstream(u, path, scheme.equals("https") ? ssl : null);
  }

  /** An idle live connection owned by {@code loop}, or null. Call on {@code loop}. */
  Channel pollIdle(EventLoop loop) {
    ArrayDeque<Channel> q = idle.get(loop);
    if (q == null) {
      return null;
    }
    Channel ch;
    while ((ch = q.pollLast()) != null) {
      if (ch.isActive()) {
        return ch;
      }
      ch.close();
    }
    return null;
  }

  /** Keeps a connection whose exchange completed cleanly for reuse. Call on its loop. */
  void release(Channel ch) {
    ArrayDeque<Channel> q = idle.computeIfAbsent(ch.eventLoop(), l -> new ArrayDeque<>());
    if (q.size() >= MAX_IDLE_PER_LOOP || !ch.isActive()) {
      ch.close();
    } else {
      q.addLast(ch);
    }
  }

  /** Forgets an idle connection that closed. Call on its loop. */
  void forget(Channel ch) {
    ArrayDeque<Channel> q = idle.get(ch.eventLoop());
    if (q != null) {
      q.remove(ch);
    }
  }

  @Override
  public String toString() {
    return display;
  }
}
