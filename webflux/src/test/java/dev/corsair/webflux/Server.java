package dev.corsair.webflux;

import dev.corsair.testkit.Loopback;
import dev.corsair.testkit.TestApp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A plain Spring WebFlux application on Reactor Netty, without Spring Boot, behind a {@link
 * CorsWebFilter}. It answers as {@link TestApp}; the query parameter {@code do} picks another way
 * of answering: {@code throw} (an exception a {@link WebExceptionHandler} turns into a 500), {@code
 * foreign} (the application's own {@code Access-Control-*} headers).
 */
final class Server implements AutoCloseable {
  private final DisposableServer server;

  Server(CorsWebFilter filter) {
    HttpHandler handler =
        WebHttpHandlerBuilder.webHandler(new App())
            .filter(filter)
            .exceptionHandler(new ErrorPage())
            .build();
    server =
        HttpServer.create()
            .host(Loopback.HOST)
            .port(0)
            // The case table sends a 100 KB header list, which must reach corsair.
            .httpRequestDecoder(spec -> spec.maxHeaderSize(256 * 1024))
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow(Duration.ofSeconds(30));
  }

  URI base() {
    return URI.create("http://" + Loopback.HOST + ":" + server.port());
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(10));
  }

  private static final class App implements WebHandler {
    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
      String action = exchange.getRequest().getQueryParams().getFirst("do");
      ServerHttpResponse res = exchange.getResponse();
      res.getHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
      res.getHeaders().set("Vary", TestApp.VARY);
      if ("throw".equals(action)) {
        return Mono.error(new IllegalStateException("the application failed on purpose"));
      }
      if ("missing".equals(action)) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
      }
      if ("foreign".equals(action)) {
        res.getHeaders().set("Access-Control-Allow-Origin", "*");
        res.getHeaders().set("Access-Control-Allow-Methods", "GET");
      }
      res.setStatusCode(HttpStatus.valueOf(TestApp.STATUS));
      byte[] body = TestApp.BODY.getBytes(StandardCharsets.UTF_8);
      return res.writeWith(Mono.just(res.bufferFactory().wrap(body)));
    }
  }

  /** Renders any error as {@code text/plain} with its status, as an error page would. */
  private static final class ErrorPage implements WebExceptionHandler {
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
      ServerHttpResponse res = exchange.getResponse();
      HttpStatus status =
          ex instanceof ResponseStatusException r
              ? HttpStatus.valueOf(r.getStatusCode().value())
              : HttpStatus.INTERNAL_SERVER_ERROR;
      res.setStatusCode(status);
      res.getHeaders().clear();
      res.getHeaders().set("Content-Type", "text/plain");
      byte[] body = ("error " + status.value()).getBytes(StandardCharsets.UTF_8);
      return res.writeWith(Mono.just(res.bufferFactory().wrap(body)));
    }
  }
}
