package dev.corsair.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/** Helpers for servers that listen on 127.0.0.1 only. */
public final class Loopback {
  private Loopback() {}

  public static final String HOST = "127.0.0.1";

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A started server on a free loopback port answering every path with {@code html} (the page a
   * browser test loads, so that its fetches come from a real origin); stop it when done.
   */
  public static HttpServer servePage(String html) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, bytes.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
          }
        });
    server.start();
    return server;
  }
}
