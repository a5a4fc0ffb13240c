package dev.corsair.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * JDK HttpServers on 127.0.0.1 that answer {@code /s/ID/...} with the reply the scenario ID
 * scripts, and record every request they get; {@code /} serves an empty page to run fetch() from.
 */
final class ScenarioServer implements AutoCloseable {
  /** A request as the server saw it. */
  record Hit(String server, String method, String path, Map<String, List<String>> headers) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }

    boolean preflight() {
      return method.equals("OPTIONS") && header("Access-Control-Request-Method") != null;
    }

    /** The path after {@code /s/ID/}. */
    String at() {
      String p = path.substring(3);
      int slash = p.indexOf('/');
      return slash < 0 ? "" : p.substring(slash + 1);
    }
  }

  /** A scripted reply: status and header lines (repeats and empty values allowed). */
  static final class Reply {
    final int status;
    final List<String[]> headers = new ArrayList<>();

    Reply(int status) {
      this.status = status;
    }

    Reply h(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }
  }

  private final HttpServer a;
  private final HttpServer b;
  private final Map<String, Function<Hit, Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, List<Hit>> hits = new ConcurrentHashMap<>();
  private volatile Map<String, String> vars = Map.of();

  /** Calls waiting for the self-driving page ({@code /drive}): JSON objects, one per fetch. */
  final java.util.concurrent.BlockingQueue<String> commands =
      new java.util.concurrent.LinkedBlockingQueue<>();

  /** What the self-driving page reported: "ID ok STATUS" or "ID error MESSAGE". */
  final java.util.concurrent.BlockingQueue<String> results =
      new java.util.concurrent.LinkedBlockingQueue<>();

  ScenarioServer() throws IOException {
    a = start("a");
    b = start("b");
  }

  private HttpServer start(String name) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    s.createContext("/", ex -> handle(name, ex));
    s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    s.start();
    return s;
  }

  int portA() {
    return a.getAddress().getPort();
  }

  int portB() {
    return b.getAddress().getPort();
  }

  void setVars(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  void script(String id, Function<Hit, Reply> script) {
    scripts.put(id, script);
    hits.put(id, new ArrayList<>());
  }

  /** The requests recorded for a scenario since the last call; clears them. */
  synchronized List<Hit> take(String id) {
    List<Hit> list = hits.put(id, new ArrayList<>());
    return list == null ? List.of() : list;
  }

  private void handle(String server, HttpExchange ex) throws IOException {
    try (ex) {
      byte[] requestBody = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      if (path.equals("/next") || path.equals("/result") || path.equals("/drive")) {
        drive(path, ex, requestBody);
        return;
      }
      if (!path.startsWith("/s/")) {
        byte[] page = "<!doctype html><title>page</title>".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(200, page.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(page);
        }
        return;
      }
      String id = path.substring(3).split("/", 2)[0];
      Hit hit = new Hit(server, ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()));
      synchronized (this) {
        hits.computeIfAbsent(id, k -> new ArrayList<>()).add(hit);
      }
      Function<Hit, Reply> script = scripts.get(id);
      Reply reply = script == null ? new Reply(404) : script.apply(hit);
      for (String[] h : reply.headers) {
        ex.getResponseHeaders().add(h[0], expand(h[1], id));
      }
      byte[] body = "scenario body".getBytes(StandardCharsets.UTF_8);
      boolean noBody =
          reply.status == 204
              || reply.status == 304
              || ex.getRequestMethod().equals("HEAD")
              || reply.status < 200;
      ex.sendResponseHeaders(reply.status, noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
    }
  }

  /**
   * The self-driving page for browsers driven without WebDriver: it long-polls {@code /next} for a
   * call, logs "corsair-begin ID", runs fetch(), logs "corsair-end ID" and posts the outcome to
   * {@code /result}.
   */
  static final String DRIVE_PAGE =
      "<!doctype html><title>drive</title><script>\n"
          + "(async () => {\n"
          + "  for (;;) {\n"
          + "    let cmd;\n"
          + "    try {\n"
          + "      const r = await fetch('/next', {cache: 'no-store'});\n"
          + "      if (r.status !== 200) { continue; }\n"
          + "      cmd = await r.json();\n"
          + "    } catch (e) { await new Promise(d => setTimeout(d, 200)); continue; }\n"
          + "    console.log('corsair-begin ' + cmd.id);\n"
          + "    let out;\n"
          + "    try {\n"
          + "      const res = await fetch(cmd.url, {method: cmd.method, headers: cmd.headers,"
          + " credentials: cmd.credentials, cache: 'no-store'});\n"
          + "      out = 'ok ' + res.status;\n"
          + "    } catch (e) { out = 'error ' + e; }\n"
          + "    await new Promise(d => setTimeout(d, 50));\n"
          + "    console.log('corsair-end ' + cmd.id);\n"
          + "    await fetch('/result', {method: 'POST', body: cmd.id + ' ' + out});\n"
          + "  }\n"
          + "})();\n"
          + "</script>";

  private void drive(String path, HttpExchange ex, byte[] requestBody) throws IOException {
    byte[] body = new byte[0];
    int status = 200;
    String type = "text/plain";
    try {
      if (path.equals("/drive")) {
        body = DRIVE_PAGE.getBytes(StandardCharsets.UTF_8);
        type = "text/html";
      } else if (path.equals("/next")) {
        String cmd = commands.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        if (cmd == null) {
          status = 204;
        } else {
          body = cmd.getBytes(StandardCharsets.UTF_8);
          type = "application/json";
        }
      } else {
        results.add(new String(requestBody, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
    }
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, status == 204 ? -1 : body.length);
    if (status != 204) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    }
  }

  private String expand(String value, String id) {
    String v = value.replace("{s}", "/s/" + id);
    for (Map.Entry<String, String> e : vars.entrySet()) {
      v = v.replace("{" + e.getKey() + "}", e.getValue());
    }
    return v;
  }

  @Override
  public void close() {
    a.stop(0);
    b.stop(0);
  }
}
