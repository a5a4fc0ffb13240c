package dev.corsair.vertx;

import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.List;

/** Adapts one Vert.x request and its response to the engine's CorsRequest and CorsResponse. */
final class VertxAdapter implements CorsRequest, CorsResponse {
  private final HttpServerRequest request;
  private final HttpServerResponse response;

  VertxAdapter(HttpServerRequest request, HttpServerResponse response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public Iterator<String> headers(String name) {
    List<String> values = request.headers().getAll(name);
    return values.isEmpty() ? null : values.iterator();
  }

  @Override
  public String header(String name) {
    MultiMap headers = response.headers();
    List<String> values = headers.getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(", ", values);
  }

  @Override
  public void setHeader(String name, String value) {
    response.headers().set(name, value);
  }

  @Override
  public void removeHeader(String name) {
    response.headers().remove(name);
  }

  @Override
  public Iterable<String> headerNames() {
    return response.headers().names();
  }

  @Override
  public void send(int status, byte[] body) {
    response.setStatusCode(status);
    if (body.length == 0) {
      response.end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }
}
