package dev.corsair.webflux;

import dev.corsair.CorsResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * A WebFlux response as the engine writes it. A preflight answer is only prepared by {@link #send};
 * {@link #completion()} writes it, since a reactive response is written by subscribing.
 */
final class ExchangeResponse implements CorsResponse {
  private final ServerHttpResponse response;
  private final CorsWebFilter filter;
  private Mono<Void> completion;

  ExchangeResponse(ServerHttpResponse response, CorsWebFilter filter) {
    this.response = response;
    this.filter = filter;
  }

  @Override
  public String header(String name) {
    return Headers.joined(response.getHeaders(), name, ", ");
  }

  @Override
  public void setHeader(String name, String value) {
    response.getHeaders().set(name, value);
  }

  /**
   * Called by the engine only for an {@code Access-Control-*} header its decision does not send.
   */
  @Override
  public void removeHeader(String name) {
    filter.foreignHeader(name, header(name));
    Headers.remove(response.getHeaders(), name);
  }

  @Override
  public Iterable<String> headerNames() {
    return Headers.names(response.getHeaders());
  }

  @Override
  public void send(int status, byte[] body) {
    response.setStatusCode(HttpStatusCode.valueOf(status));
    if (body.length == 0) {
      completion = response.setComplete();
    } else {
      HttpHeaders h = response.getHeaders();
      h.setContentLength(body.length);
      completion = response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
  }

  /** The write of the preflight answer {@link #send} prepared. */
  Mono<Void> completion() {
    return completion == null ? response.setComplete() : completion;
  }
}
