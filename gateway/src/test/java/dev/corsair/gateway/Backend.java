package dev.corsair.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The upstream of the gateway tests: a JDK HttpServer on 127.0.0.1 that behaves like {@link
 * TestApp} on every path, plus a few paths that exercise the proxy: {@code /slow} (answers after
 * {@code ?ms=}), {@code /sse} (events with pauses), {@code /bytes?n=} (a generated body), {@code
 * /upload} (counts the body), {@code /cors} (sends its own CORS headers), {@code /echo-headers}.
 */
final class Backend implements AutoCloseable {
  final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();

  Backend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    lastHeaders.set(Map.copyOf(ex.getRequestHeaders()));
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    try (ex) {
      ex.getResponseHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
      ex.getResponseHeaders().add("Vary", TestApp.VARY);
      switch (path) {
        case "/slow":
          sleep(param(query, "ms", 2000));
          drain(ex.getRequestBody());
          send(ex, 200, TestApp.BODY);
          return;
        case "/sse":
          drain(ex.getRequestBody());
          ex.getResponseHeaders().set("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          OutputStream out = ex.getResponseBody();
          int n = (int) param(query, "n", 3);
          for (int i = 0; i < n; i++) {
            out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(param(query, "gap", 400));
          }
          return;
        case "/bytes":
          drain(ex.getRequestBody());
          long size = param(query, "n", 1024);
          ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
          ex.sendResponseHeaders(200, size);
          byte[] chunk = new byte[65536];
          OutputStream o = ex.getResponseBody();
          for (long left = size; left > 0; ) {
            int k = (int) Math.min(chunk.length, left);
            o.write(chunk, 0, k);
            left -= k;
          }
          return;
        case "/upload":
          long count = drain(ex.getRequestBody());
          send(ex, 200, Long.toString(count));
          return;
        case "/cors":
          drain(ex.getRequestBody());
          ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
          ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
          ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, TRACE");
          send(ex, 200, TestApp.BODY);
          return;
        case "/redirect":
          drain(ex.getRequestBody());
          ex.getResponseHeaders().set("Location", uri() + "/api/landing?x=1");
          ex.getResponseHeaders()
              .add("Set-Cookie", "sid=abc; Domain=backend.example; Path=/; HttpOnly");
          ex.sendResponseHeaders(302, -1);
          return;
        case "/error":
          drain(ex.getRequestBody());
          send(ex, 500, "boom");
          return;
        default:
          drain(ex.getRequestBody());
          send(ex, TestApp.STATUS, TestApp.BODY);
      }
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : b.length);
    if (!ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseBody().write(b);
    }
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[65536];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
    }
    return total;
  }

  private static long param(String query, String name, long dflt) {
    if (query == null) {
      return dflt;
    }
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) {
        return Long.parseLong(kv.substring(name.length() + 1));
      }
    }
    return dflt;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
