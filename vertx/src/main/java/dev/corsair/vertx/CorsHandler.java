package dev.corsair.vertx;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Applies a corsair policy to a Vert.x Web router: answers preflights itself and puts the CORS
 * headers on every other response under the policy, whatever produced it (a handler, a failure
 * handler, an uncaught exception, the router's own 404 or 405).
 *
 * <pre>{@code
 * Router router = Router.router(vertx);
 * router.route().handler(CorsHandler.of(CorsPolicy.fromEnvironment(System.getenv())));
 * router.get("/api/items").handler(items);
 * }</pre>
 *
 * <p>Register it first, on {@code router.route()} (every path and method): the headers are set
 * again just before the response's headers are written, so an application's own {@code
 * Access-Control-*} headers are replaced and its {@code Vary} is merged, never duplicated.
 */
public final class CorsHandler implements Handler<RoutingContext> {
  private final CorsEngine engine;

  private CorsHandler(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** A handler enforcing one policy. */
  public static CorsHandler of(CorsPolicy policy) {
    return new CorsHandler(CorsEngine.of(Objects.requireNonNull(policy, "policy")));
  }

  /** A handler enforcing an engine's policies (the first whose paths match wins). */
  public static CorsHandler of(CorsEngine engine) {
    return new CorsHandler(engine);
  }

  @Override
  public void handle(RoutingContext ctx) {
    VertxAdapter exchange = new VertxAdapter(ctx.request(), ctx.response());
    CorsDecision decision;
    try {
      decision = engine.handle(exchange, exchange);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (decision.isPreflight()) {
      return;
    }
    if (decision.isCovered()) {
      ctx.addHeadersEndHandler(v -> decision.applyTo(exchange));
    }
    ctx.next();
  }
}
