package dev.corsair.spring.boot.it;

import dev.corsair.testkit.TestApp;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link TestApp} as a web filter after corsair's, so that it sees every method, preflights on
 * uncovered paths included (WebFlux's own dispatcher would answer those itself).
 */
final class TestAppWebFilter implements WebFilter, Ordered {
  @Override
  public int getOrder() {
    return 0;
  }

  static boolean mine(String path) {
    return path.equals("/api")
        || path.startsWith("/api/")
        || path.equals("/apiary")
        || path.startsWith("/public/")
        || path.equals("/other");
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!mine(exchange.getRequest().getPath().pathWithinApplication().value())) {
      return chain.filter(exchange);
    }
    ServerHttpResponse res = exchange.getResponse();
    res.setStatusCode(HttpStatus.valueOf(TestApp.STATUS));
    res.getHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
    res.getHeaders().set("Vary", TestApp.VARY);
    res.getHeaders().set("Content-Type", "text/plain;charset=utf-8");
    byte[] body = TestApp.BODY.getBytes(StandardCharsets.UTF_8);
    return res.writeWith(Mono.just(res.bufferFactory().wrap(body)));
  }
}
