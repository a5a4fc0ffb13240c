package dev.corsair.webflux;

import dev.corsair.CorsRequest;
import java.util.Iterator;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** A WebFlux request as the engine reads it: nothing is copied. */
final class ExchangeRequest implements CorsRequest {
  private final ServerHttpRequest request;

  ExchangeRequest(ServerHttpRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod().name();
  }

  /** The raw path after the application's base path ({@code spring.webflux.base-path}). */
  @Override
  public String path() {
    return request.getPath().pathWithinApplication().value();
  }

  @Override
  public Iterator<String> headers(String name) {
    List<String> lines = Headers.lines(request.getHeaders(), name);
    return lines == null ? null : lines.iterator();
  }
}
