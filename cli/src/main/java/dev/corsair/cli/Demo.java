package dev.corsair.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsPolicy;
import dev.corsair.jdkhttp.CorsHttpFilter;
import dev.corsair.tools.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded demo: an API guarded by a corsair policy that allows the page's origin, and a page
 * on another origin that calls it twice (a GET that is allowed, a PUT with a header the policy does
 * not allow). Both listen on 127.0.0.1 only.
 */
final class Demo implements AutoCloseable {
  private final HttpServer api;
  private final HttpServer page;
  private final ExecutorService executor;
  private final CorsPolicy policy;

  private Demo(HttpServer api, HttpServer page, ExecutorService executor, CorsPolicy policy) {
    this.api = api;
    this.page = page;
    this.executor = executor;
    this.policy = policy;
  }

  /** Starts both servers; port 0 picks a free port. */
  static Demo start(int apiPort, int pagePort) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    HttpServer page = HttpServer.create(new InetSocketAddress(loopback, pagePort), 0);
    HttpServer api;
    try {
      api = HttpServer.create(new InetSocketAddress(loopback, apiPort), 0);
    } catch (IOException e) {
      page.stop(0);
      throw e;
    }
    String pageOrigin = "http://localhost:" + page.getAddress().getPort();
    CorsPolicy policy =
        CorsPolicy.builder()
            .allowedOrigins(pageOrigin)
            .allowedHeaders("Content-Type")
            .exposedHeaders("X-Request-Id")
            .maxAge(600)
            .build();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "corsair-demo");
              t.setDaemon(true);
              return t;
            });
    // One context for every path, so that even a 404 passes the filter and carries CORS headers.
    api.createContext("/", Demo::api).getFilters().add(new CorsHttpFilter(policy));
    api.setExecutor(executor);
    String apiUrl = "http://localhost:" + api.getAddress().getPort();
    page.createContext("/", ex -> page(ex, apiUrl));
    page.setExecutor(executor);
    api.start();
    page.start();
    return new Demo(api, page, executor, policy);
  }

  String apiUrl() {
    return "http://localhost:" + api.getAddress().getPort();
  }

  String pageUrl() {
    return pageOrigin();
  }

  String pageOrigin() {
    return "http://localhost:" + page.getAddress().getPort();
  }

  CorsPolicy policy() {
    return policy;
  }

  private static void api(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().startsWith("/api/")) {
      ex.getRequestBody().readAllBytes();
      send(ex, 404, "not found: the demo API is under /api/\n");
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "hello from the API");
    answer.put("method", ex.getRequestMethod());
    String json = Json.write(answer);
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("X-Request-Id", Long.toHexString(System.nanoTime()));
    send(ex, 200, json);
  }

  private static void page(HttpExchange ex, String apiUrl) throws IOException {
    ex.getRequestBody().readAllBytes();
    if (!ex.getRequestURI().getPath().equals("/")) {
      send(ex, 404, "not found\n");
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    send(ex, 200, PAGE.replace("API_URL", apiUrl));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    api.stop(0);
    page.stop(0);
    executor.shutdownNow();
  }

  private static final String PAGE =
      String.join(
          "\n",
          "<!doctype html>",
          "<html><head><meta charset=utf-8><title>corsair demo</title>",
          "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto}pre{background:#f4f4f4;padding:1rem}</style>",
          "</head><body>",
          "<h1>corsair demo</h1>",
          "<p>This page's origin calls <code>API_URL/api/hello</code>, which corsair guards.</p>",
          "<h2>1. GET (allowed)</h2><pre id=allowed>running...</pre>",
          "<h2>2. PUT with <code>X-Api-Key</code> (blocked: header not allowed)</h2><pre id=blocked>running...</pre>",
          "<p>Open the browser console to see Chromium's message for call 2.</p>",
          "<script>",
          "async function call(id, init) {",
          "  const el = document.getElementById(id);",
          "  try {",
          "    const r = await fetch('API_URL/api/hello', init);",
          "    const body = await r.json();",
          "    el.textContent = 'allowed: ' + r.status + ' ' + JSON.stringify(body) + '\\nX-Request-Id (exposed): ' + r.headers.get('X-Request-Id');",
          "    el.dataset.result = 'allowed';",
          "  } catch (e) {",
          "    el.textContent = 'blocked by CORS: ' + e + '\\n(see the console for the reason; run corsair check to see it here)';",
          "    el.dataset.result = 'blocked';",
          "  }",
          "}",
          "Promise.all([",
          "  call('allowed', {}),",
          "  call('blocked', {method: 'PUT', headers: {'X-Api-Key': 'demo'}}),",
          "]).then(() => document.body.dataset.done = 'true');",
          "</script>",
          "</body></html>");
}
