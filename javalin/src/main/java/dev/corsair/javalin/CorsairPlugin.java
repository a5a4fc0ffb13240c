package dev.corsair.javalin;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.javalin.plugin.PluginPriority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Applies a corsair policy to a Javalin 7 application: answers preflights itself and puts the CORS
 * headers on every other response under the policy, whatever produced it (an endpoint, an exception
 * or error handler, Javalin's own 404 or 405).
 *
 * <pre>{@code
 * Javalin.create(config -> {
 *   config.registerPlugin(new CorsairPlugin(CorsPolicy.fromEnvironment(System.getenv())));
 *   config.routes.get("/api/items", ctx -> ctx.result("[]"));
 * }).start(8080);
 * }</pre>
 *
 * <p>Register it first: its before-handler answers preflights ahead of the before-handlers
 * registered after it (authentication: preflights carry no credentials). The headers are applied
 * again in an after-handler, which Javalin runs after exception and error handlers too, so an
 * application's own {@code Access-Control-*} headers are replaced and its {@code Vary} merged,
 * never duplicated. Javalin's bundled CORS plugin is not needed beside it.
 */
public final class CorsairPlugin extends Plugin<Void> {
  private static final String DECISION = CorsairPlugin.class.getName() + ".decision";

  private final CorsEngine engine;

  /** A plugin enforcing one policy. */
  public CorsairPlugin(CorsPolicy policy) {
    this(CorsEngine.of(Objects.requireNonNull(policy, "policy")));
  }

  /** A plugin enforcing an engine's policies (the first whose paths match wins). */
  public CorsairPlugin(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public String name() {
    return "corsair";
  }

  @Override
  public PluginPriority priority() {
    return PluginPriority.EARLY;
  }

  /** Registered when the plugin is: its before-handler runs ahead of those registered later. */
  @Override
  public void onInitialize(JavalinState state) {
    state.routes.before(this::decide);
  }

  /** Registered once the configuration is done: its after-handler runs behind all others. */
  @Override
  public void onStart(JavalinState state) {
    state.routes.after(this::reapply);
  }

  private void decide(Context ctx) {
    JavalinAdapter exchange = new JavalinAdapter(ctx);
    CorsDecision decision;
    try {
      decision = engine.handle(exchange, exchange);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.attribute(DECISION, decision);
    if (decision.isPreflight()) {
      ctx.skipRemainingHandlers();
    }
  }

  /**
   * Fixes what the endpoint, an exception handler or an error handler set, before Javalin writes;
   * decides now when an earlier before-handler threw before {@link #decide} ran.
   */
  private void reapply(Context ctx) {
    CorsDecision decision = ctx.attribute(DECISION);
    JavalinAdapter exchange = new JavalinAdapter(ctx);
    if (decision == null) {
      decision = engine.decide(exchange);
    }
    if (decision.isCovered() && !decision.isPreflight() && !ctx.res().isCommitted()) {
      decision.applyTo(exchange);
    }
  }
}
