package dev.corsair.micronaut;

import dev.corsair.CorsRequest;
import io.micronaut.http.HttpRequest;
import java.util.Iterator;
import java.util.List;

/** A Micronaut request as the engine sees it. */
final class MicronautRequest implements CorsRequest {
  private final HttpRequest<?> request;

  MicronautRequest(HttpRequest<?> request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethodName();
  }

  @Override
  public String path() {
    return request.getUri().getRawPath();
  }

  @Override
  public Iterator<String> headers(String name) {
    List<String> values = request.getHeaders().getAll(name);
    return values.isEmpty() ? null : values.iterator();
  }
}
