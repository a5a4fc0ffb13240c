package dev.corsair.webflux;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.CorsPolicy;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
    CorsDecision d = decide(exchange.getRequest());
    if (!d.isCovered()) {
      return chain.filter(exchange);
    }
    ServerHttpResponse response = exchange.getResponse();
    if (d.isPreflight()) {
      return answerPreflight(response, d);
    }
    apply(response.getHeaders(), d);
    response.beforeCommit(() -> Mono.fromRunnable(() -> apply(response.getHeaders(), d)));
    return chain.filter(exchange);
  }

  private CorsDecision decide(ServerHttpRequest request) {
    HttpHeaders h = request.getHeaders();
    String method = request.getMethod().name();
    boolean options = method.equals("OPTIONS");
    return engine.decide(
        method,
        request.getPath().pathWithinApplication().value(),
        Headers.joined(h, CorsHeaders.ORIGIN, ", "),
        // Only a preflight reads these.
        options ? Headers.joined(h, CorsHeaders.REQUEST_METHOD, ", ") : null,
        options ? Headers.joined(h, CorsHeaders.REQUEST_HEADERS, ",") : null,
        options ? Headers.joined(h, CorsHeaders.REQUEST_PRIVATE_NETWORK, ", ") : null);
  }

  private static Mono<Void> answerPreflight(ServerHttpResponse response, CorsDecision d) {
    response.setStatusCode(HttpStatusCode.valueOf(d.status()));
    HttpHeaders h = response.getHeaders();
    d.writeHeaders(h::set);
    h.set(CorsHeaders.VARY, d.vary());
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    if (body.length == 0) {
      return response.setComplete();
    }
    h.set(HttpHeaders.CONTENT_TYPE, "text/plain;charset=utf-8");
    h.setContentLength(body.length);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /**
   * Replaces every {@code Access-Control-*} response header with the decision's and merges its
   * {@code Vary}; idempotent, so it runs again just before the response commits.
   */
  private void apply(HttpHeaders h, CorsDecision d) {
    for (String name : Headers.names(h)) {
      if (CorsHeaders.isCorsResponseHeader(name)) {
        String value = Headers.joined(h, name, ", ");
        Headers.remove(h, name);
        if (!isOwn(d, name, value)) {
          foreignHeader(name, value);
        }
      }
    }
    d.writeHeaders(h::set);
    String vary = d.vary();
    if (vary != null) {
      h.set(
          CorsHeaders.VARY,
          dev.corsair.Vary.merge(Headers.joined(h, CorsHeaders.VARY, ", "), vary));
    }
  }

  /** Whether {@code name: value} is what the decision itself writes (set by an earlier pass). */
  private static boolean isOwn(CorsDecision d, String name, String value) {
    boolean[] own = {false};
    d.writeHeaders((n, v) -> own[0] |= n.equalsIgnoreCase(name) && v.equals(value));
    return own[0];
  }

  /** Logs, once per filter, that something else also answers CORS. */
  private void foreignHeader(String name, String value) {
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
