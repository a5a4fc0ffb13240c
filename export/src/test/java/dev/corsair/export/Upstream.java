package dev.corsair.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loopback upstream behind the exported engines: {@link TestApp} on every path, plus {@code
 * /cors} (sends its own CORS headers and {@code Vary: Origin}), {@code /slow?ms=} and {@code
 * /error} (a 500) and {@code /unavailable} (its own 503).
 */
final class Upstream implements AutoCloseable {
  static final String UNAVAILABLE_BODY = "the upstream's own 503";
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();
  final AtomicReference<String> lastTarget = new AtomicReference<>();

  Upstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    lastHeaders.set(Map.copyOf(ex.getRequestHeaders()));
    lastTarget.set(ex.getRequestURI().toString());
    try (ex) {
      drain(ex.getRequestBody());
      ex.getResponseHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/cors":
          ex.getResponseHeaders().add("Vary", "Origin, Accept-Encoding");
          ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
          ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
          ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, TRACE");
          ex.getResponseHeaders().set("Access-Control-Expose-Headers", "X-Secret");
          send(ex, 200, TestApp.BODY);
          return;
        case "/slow":
          sleep(Long.parseLong(ex.getRequestURI().getQuery().substring(3)));
          ex.getResponseHeaders().add("Vary", TestApp.VARY);
          send(ex, 200, TestApp.BODY);
          return;
        case "/error":
          ex.getResponseHeaders().add("Vary", TestApp.VARY);
          send(ex, 500, "boom");
          return;
        case "/unavailable":
          ex.getResponseHeaders().add("Vary", TestApp.VARY);
          send(ex, 503, UNAVAILABLE_BODY);
          return;
        default:
          ex.getResponseHeaders().add("Vary", TestApp.VARY);
          send(ex, TestApp.STATUS, TestApp.BODY);
      }
    } catch (IOException | RuntimeException e) {
      // a client that went away; nothing to answer
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : b.length);
    if (!head) {
      ex.getResponseBody().write(b);
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) > 0) {
      // discard
    }
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
