package dev.corsair.vertx;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.List;

/** The request and response of one Vert.x exchange as the engine sees them. */
final class VertxExchange {
  private final HttpServerRequest request;
  private final HttpServerResponse response;

  VertxExchange(HttpServerRequest request, HttpServerResponse response) {
    this.request = request;
    this.response = response;
  }

  public String method() {
    return request.method().name();
  }

  public String path() {
    return request.path();
  }

  public Iterator<String> headers(String name) {
    List<String> values = request.headers().getAll(name);
    return values.isEmpty() ? null : values.iterator();
  }

  public String header(String name) {
    MultiMap headers = response.headers();
    List<String> values = headers.getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(", ", values);
  }

  public void setHeader(String name, String value) {
    response.headers().set(name, value);
  }

  public void removeHeader(String name) {
    response.headers().remove(name);
  }

  public Iterable<String> headerNames() {
    return List.copyOf(response.headers().names());
  }

  public void send(int status, byte[] body) {
    response.setStatusCode(status);
    if (body.length == 0) {
      response.end();
    } else {
      response.end(Buffer.buffer(body));
    }
  }
}
