package dev.corsair.audit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zoo of CORS handlers on one loopback server, one path each, every one written the way its bug
 * (or its correct logic) appears in real code. They all mean to trust {@link #TRUSTED}.
 */
final class Zoo implements AutoCloseable {
  static final String TRUSTED = "https://app.trusted.example";

  private static final String ACAO = "Access-Control-Allow-Origin";
  private static final String ACAC = "Access-Control-Allow-Credentials";

  /** How a handler sets the CORS headers of a response, given the request. */
  interface Cors {
    void apply(Headers request, Headers response);
  }

  /** Every request the zoo received: path, method and headers, for politeness tests. */
  record Seen(String path, String method, Headers headers, long nanos) {}

  static final Map<String, Cors> SERVERS = new LinkedHashMap<>();

  static {
    // --- vulnerable, the way the bug is written in real code -------------------------------
    SERVERS.put(
        "reflect-middleware",
        (req, res) -> {
          // app.use(cors({ origin: true })): "reflect the request origin"
          String origin = req.getFirst("Origin");
          if (origin != null) {
            res.set(ACAO, origin);
            res.add("Vary", "Origin");
          }
        });
    SERVERS.put(
        "reflect-with-credentials",
        (req, res) -> {
          // the Stack Overflow filter: response.setHeader(ACAO, request.getHeader("Origin"))
          res.set(ACAO, req.getFirst("Origin"));
          res.set(ACAC, "true");
          res.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
          res.set("Access-Control-Allow-Headers", "Content-Type, Authorization");
        });
    SERVERS.put(
        "ends-with",
        (req, res) -> {
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null && origin.endsWith("trusted.example")) {
            res.set(ACAO, origin);
          }
        });
    SERVERS.put(
        "starts-with-credentials",
        (req, res) -> {
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null && origin.startsWith(TRUSTED)) {
            res.set(ACAO, origin);
            res.set(ACAC, "true");
          }
        });
    SERVERS.put(
        "contains",
        (req, res) -> {
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null && origin.contains("trusted.example")) {
            res.set(ACAO, origin);
          }
        });
    Pattern unescaped = Pattern.compile("^https://app.trusted.example$");
    SERVERS.put(
        "unescaped-regex",
        (req, res) -> {
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null && unescaped.matcher(origin).matches()) {
            res.set(ACAO, origin);
          }
        });
    Pattern hostPart = Pattern.compile("^(https?)://([a-z0-9.-]+)");
    SERVERS.put(
        "naive-parser",
        (req, res) -> {
          // "extract scheme and host, then compare": the pattern stops at the first odd character
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin == null) {
            return;
          }
          Matcher m = hostPart.matcher(origin);
          if (m.find() && m.group(1).equals("https") && m.group(2).equals("app.trusted.example")) {
            res.set(ACAO, origin);
          }
        });
    Set<String> bothSchemes = Set.of(TRUSTED, "http://app.trusted.example");
    SERVERS.put("http-and-https", strictList(bothSchemes, false));
    SERVERS.put(
        "subdomain-wildcard",
        (req, res) -> {
          // allowedOriginPatterns("https://*.trusted.example") written by hand
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null
              && (origin.equals(TRUSTED)
                  || (origin.startsWith("https://") && origin.endsWith(".trusted.example")))) {
            res.set(ACAO, origin);
          }
        });
    SERVERS.put(
        "wildcard-with-credentials",
        (req, res) -> {
          res.set(ACAO, "*");
          res.set(ACAC, "true");
        });
    SERVERS.put(
        "dynamic-without-vary",
        (req, res) -> {
          String origin = req.getFirst("Origin");
          if (TRUSTED.equals(origin)) {
            res.set(ACAO, origin);
          }
        });
    SERVERS.put(
        "preflight-echo",
        (req, res) -> {
          // the preflight handler copies the request's CORS headers back; actual requests are
          // strict
          String origin = req.getFirst("Origin");
          String method = req.getFirst("Access-Control-Request-Method");
          res.add("Vary", "Origin");
          if (method != null) {
            res.set(ACAO, origin);
            res.set("Access-Control-Allow-Methods", method);
            String headers = req.getFirst("Access-Control-Request-Headers");
            if (headers != null) {
              res.set("Access-Control-Allow-Headers", headers);
            }
          } else if (TRUSTED.equals(origin)) {
            res.set(ACAO, origin);
          }
        });
    SERVERS.put(
        "reflect-and-preflight-echo",
        (req, res) -> {
          // a framework plugin with reflectClientOrigin: origin, method and headers all echoed
          String origin = req.getFirst("Origin");
          if (origin == null) {
            return;
          }
          res.set(ACAO, origin);
          res.set(ACAC, "true");
          res.add("Vary", "Origin");
          String method = req.getFirst("Access-Control-Request-Method");
          if (method != null) {
            res.set("Access-Control-Allow-Methods", method);
            res.set("Access-Control-Allow-Headers", req.getFirst("Access-Control-Request-Headers"));
          }
        });
    SERVERS.put("null-allowed", strictList(Set.of(TRUSTED, "null"), false));
    SERVERS.put("third-party-codepen", strictList(Set.of(TRUSTED, "https://codepen.io"), true));
    SERVERS.put(
        "third-party-github-pages",
        (req, res) -> {
          // "our docs on GitHub Pages call the API too"
          String origin = req.getFirst("Origin");
          res.add("Vary", "Origin");
          if (origin != null
              && (origin.equals(TRUSTED)
                  || (origin.startsWith("https://") && origin.endsWith(".github.io")))) {
            res.set(ACAO, origin);
          }
        });

    // --- correct -----------------------------------------------------------------------------
    SERVERS.put("strict", strictList(Set.of(TRUSTED), false));
    SERVERS.put("strict-with-credentials", strictList(Set.of(TRUSTED), true));
    SERVERS.put(
        "several-trusted",
        strictList(
            Set.of(TRUSTED, "https://admin.trusted.example", "http://localhost:5173"), true));
    SERVERS.put(
        "public-wildcard",
        (req, res) -> {
          res.set(ACAO, "*");
          if (req.getFirst("Access-Control-Request-Method") != null) {
            res.set("Access-Control-Allow-Methods", "*");
            res.set("Access-Control-Allow-Headers", "*");
          }
        });
    SERVERS.put("no-cors", (req, res) -> {});
    SERVERS.put(
        "static-single-origin",
        (req, res) -> {
          // one fixed origin, whatever the request says: nothing to vary on
          res.set(ACAO, TRUSTED);
          res.set(ACAC, "true");
        });
  }

  /**
   * The correct pattern: an exact list, the origin echoed only on a match, {@code Vary: Origin}
   * always, listed methods and headers on preflights.
   */
  static Cors strictList(Set<String> allowed, boolean credentials) {
    return (req, res) -> {
      String origin = req.getFirst("Origin");
      res.add("Vary", "Origin");
      if (origin != null && allowed.contains(origin)) {
        res.set(ACAO, origin);
        if (credentials) {
          res.set(ACAC, "true");
        }
        if (req.getFirst("Access-Control-Request-Method") != null) {
          res.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
          res.set("Access-Control-Allow-Headers", "Content-Type");
        }
      }
    };
  }

  private final HttpServer server;
  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

  Zoo() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    SERVERS.forEach((name, cors) -> server.createContext("/" + name, handler(cors)));
    server.start();
  }

  /** Adds a raw handler at {@code /name}, for tests that need more than CORS headers. */
  void add(String name, HttpHandler handler) {
    server.createContext("/" + name, handler);
  }

  private HttpHandler handler(Cors cors) {
    return ex -> {
      seen.add(
          new Seen(
              ex.getRequestURI().getPath(),
              ex.getRequestMethod(),
              ex.getRequestHeaders(),
              System.nanoTime()));
      cors.apply(ex.getRequestHeaders(), ex.getResponseHeaders());
      boolean preflight = ex.getRequestMethod().equals("OPTIONS");
      byte[] body = "hello from the zoo".getBytes(StandardCharsets.UTF_8);
      if (preflight) {
        ex.sendResponseHeaders(204, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
      ex.close();
    };
  }

  URI uri(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
  }

  List<Seen> seen(String name) {
    return seen.stream().filter(s -> s.path().equals("/" + name)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
