package dev.corsair.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Applies a corsair policy to a {@code com.sun.net.httpserver} context: answers preflights itself
 * and puts the CORS headers on every other response under the policy, whatever its status,
 * including a 500 for a handler that throws before responding.
 *
 * <pre>{@code
 * HttpContext ctx = server.createContext("/api", handler);
 * ctx.getFilters().add(new CorsHttpFilter(CorsPolicy.fromEnvironment(System.getenv())));
 * }</pre>
 */
public final class CorsHttpFilter extends Filter {
  private static final System.Logger LOG = System.getLogger("dev.corsair.jdkhttp");
  private static final byte[] INTERNAL_ERROR =
      "Internal Server Error\n".getBytes(StandardCharsets.UTF_8);

  private final CorsEngine engine;

  /** A filter enforcing one policy. */
  public CorsHttpFilter(CorsPolicy policy) {
    this(CorsEngine.of(policy));
  }

  /** A filter enforcing an engine's policies (first path match wins). */
  public CorsHttpFilter(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public String description() {
    return "corsair CORS filter";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Headers in = exchange.getRequestHeaders();
    String method = exchange.getRequestMethod();
    boolean options = "OPTIONS".equals(method);
    // Only an OPTIONS request can be a preflight: other requests skip the three lookups, each of
    // which costs the JDK's Headers a copy of the name.
    CorsDecision d =
        engine.decide(
            method,
            exchange.getRequestURI().getRawPath(),
            joined(in.get(CorsHeaders.ORIGIN), ", "),
            options ? joined(in.get(CorsHeaders.REQUEST_METHOD), ", ") : null,
            options ? joined(in.get(CorsHeaders.REQUEST_HEADERS), ",") : null,
            options ? in.getFirst(CorsHeaders.REQUEST_PRIVATE_NETWORK) : null);
    if (!d.isCovered()) {
      chain.doFilter(exchange);
      return;
    }
    if (d.isPreflight()) {
      answerPreflight(exchange, d);
      return;
    }
    if (d.vary() == null && d.allowOrigin() == null) {
      chain.doFilter(exchange);
      return;
    }
    HttpExchange wrapped =
        exchange instanceof HttpsExchange
            ? new CorsHttpsExchange((HttpsExchange) exchange, d)
            : new CorsExchange(exchange, d);
    try {
      chain.doFilter(wrapped);
    } catch (IOException | RuntimeException | Error e) {
      if (exchange.getResponseCode() != -1) {
        throw e;
      }
      LOG.log(Level.ERROR, "handler failed before responding; answering 500 with CORS headers", e);
      Headers out = exchange.getResponseHeaders();
      out.set("Content-Type", "text/plain; charset=utf-8");
      wrapped.sendResponseHeaders(500, INTERNAL_ERROR.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(INTERNAL_ERROR);
      }
    }
  }

  private static void answerPreflight(HttpExchange exchange, CorsDecision d) throws IOException {
    Headers out = exchange.getResponseHeaders();
    d.writeHeaders(out::set);
    out.set(CorsHeaders.VARY, d.vary());
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0) {
      out.set("Content-Type", "text/plain; charset=utf-8");
    }
    exchange.getRequestBody().close();
    exchange.sendResponseHeaders(d.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(body);
    }
  }

  /** Replaces the application's own CORS headers with the decision's and merges {@code Vary}. */
  static void applyTo(Headers out, CorsDecision d) {
    if (!out.isEmpty()) {
      out.keySet().removeIf(CorsHeaders::isCorsResponseHeader);
    }
    d.writeHeaders(out::set);
    if (d.vary() != null) {
      List<String> vary = out.get(CorsHeaders.VARY);
      String existing = vary == null || vary.isEmpty() ? null : String.join(", ", vary);
      out.set(CorsHeaders.VARY, dev.corsair.Vary.merge(existing, d.vary()));
    }
  }

  private static String joined(List<String> values, String separator) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(separator, values);
  }
}
