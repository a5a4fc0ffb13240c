package dev.corsair.micronaut;

import dev.corsair.CorsResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** A Micronaut response as the engine sees it. */
final class MicronautResponse implements CorsResponse {
  private final MutableHttpResponse<?> response;

  MicronautResponse(MutableHttpResponse<?> response) {
    this.response = response;
  }

  @Override
  public String header(String name) {
    List<String> values = response.getHeaders().getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(", ", values);
  }

  @Override
  public void setHeader(String name, String value) {
    MutableHttpHeaders headers = response.getHeaders();
    headers.set(name, value);
  }

  @Override
  public void removeHeader(String name) {
    response.getHeaders().remove(name);
  }

  @Override
  public Iterable<String> headerNames() {
    return response.getHeaders().names();
  }

  @Override
  public void send(int status, byte[] body) {
    response.status(HttpStatus.valueOf(status));
    if (body.length > 0) {
      response.body(body);
    }
  }
}
