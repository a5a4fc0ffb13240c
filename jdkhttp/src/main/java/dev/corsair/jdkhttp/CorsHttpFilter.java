package dev.corsair.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
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

  /**
   * Lends the exchange to the engine; a preflight is answered there. Any other request under a
   * policy reaches the handler through an exchange that puts the decision on the response when the
   * handler sends it.
   */
  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    ExchangeAdapter cors = new ExchangeAdapter(exchange);
    CorsDecision d = engine.decide(cors);
    if (!d.isCovered()) {
      chain.doFilter(exchange);
      return;
    }
    if (d.isPreflight()) {
      d.answerPreflight(cors);
      return;
    }
    HttpExchange guarded =
        exchange instanceof HttpsExchange https
            ? new GuardedHttpsExchange(https, d, cors)
            : new GuardedExchange(exchange, d, cors);
    try {
      chain.doFilter(guarded);
    } catch (IOException | RuntimeException | Error e) {
      if (exchange.getResponseCode() != -1) {
        throw e;
      }
      LOG.log(Level.ERROR, "handler failed before responding; answering 500 with CORS headers", e);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      guarded.sendResponseHeaders(500, INTERNAL_ERROR.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(INTERNAL_ERROR);
      }
    }
  }
}
