package dev.corsair.webflux;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Spring WebFlux {@link WebFilter} that applies a corsair policy: it answers preflights itself
 * (they never reach a handler or Spring Security) and puts the CORS headers on every other response
 * under the policy, whatever its status: handler errors rendered by an {@code
 * ErrorWebExceptionHandler}, 404s, Spring Security's 401 and 403.
 *
 * <p>Declare it as a bean (Spring Boot's {@code corsair-spring-boot-starter} does it for you); its
 * {@link #getOrder() order} puts it before Spring Security's {@code WebFilterChainProxy} (order
 * -100), which would otherwise refuse preflights, since browsers send them without credentials:
 *
 * <pre>{@code
 * @Bean
 * CorsWebFilter cors() {
 *   return new CorsWebFilter(CorsPolicy.fromEnvironment(System.getenv()));
 * }
 * }</pre>
 *
 * <p>The headers are set before the application runs (so Spring's own CORS processing, which steps
 * aside when {@code Access-Control-Allow-Origin} is present, stays out) and again just before the
 * response commits, replacing any {@code Access-Control-*} header the application or another CORS
 * handler ({@code @CrossOrigin}, Spring's {@code CorsWebFilter}, {@code http.cors()}) set, with one
 * warning, and merging {@code Vary}: a response never carries two {@code
 * Access-Control-Allow-Origin}.
 */
public final class CorsWebFilter implements WebFilter, Ordered {
  /** The default order: first, before Spring Security's {@code WebFilterChainProxy} (-100). */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  private static final System.Logger LOG = System.getLogger("dev.corsair.webflux");

  private final CorsEngine engine;
  private volatile boolean warnedForeign;

  /** A filter enforcing one policy. */
  public CorsWebFilter(CorsPolicy policy) {
    this(CorsEngine.of(Objects.requireNonNull(policy, "policy")));
  }

  /** A filter enforcing an engine's policies (the first whose paths match wins). */
  public CorsWebFilter(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The engine in force. */
  public CorsEngine engine() {
    return engine;
  }

  /** {@link #ORDER}: before Spring Security and every other filter. */
  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpResponse response = exchange.getResponse();
    ExchangeResponse res = new ExchangeResponse(response, this);
    CorsDecision d;
    try {
      d = engine.handle(new ExchangeRequest(exchange.getRequest()), res);
    } catch (IOException e) {
      return Mono.error(e); // never thrown: a reactive answer is written by completion()
    }
    if (d.isPreflight()) {
      return res.completion();
    }
    if (d.isCovered()) {
      // Again just before the response commits: fixes what the application, an error handler or
      // Spring Security set meanwhile.
      response.beforeCommit(() -> Mono.fromRunnable(() -> d.applyTo(res)));
    }
    return chain.filter(exchange);
  }

  /** Logs, once per filter, that something else also answers CORS. */
  void foreignHeader(String name, String value) {
    if (!warnedForeign) {
      warnedForeign = true;
      LOG.log(
          Level.WARNING,
          "the application set "
              + name
              + ": "
              + value
              + " itself; corsair removed it and sends its own policy's headers. Another CORS"
              + " handler is on (Spring's @CrossOrigin, CorsRegistry, CorsWebFilter or"
              + " http.cors()): turn it off so there is one source of CORS headers.");
    }
  }
}
