package dev.corsair.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An {@link HttpExchange} lent to the engine: its request headers, its response headers. It is also
 * the iterator over the lines of the request header last asked for (the engine reads one header's
 * lines completely before asking for the next), so reading a header allocates nothing here.
 */
final class ExchangeAdapter implements CorsRequest, CorsResponse, Iterator<String> {
  private final HttpExchange exchange;
  private List<String> lines;
  private int next;

  ExchangeAdapter(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod();
  }

  @Override
  public String path() {
    return exchange.getRequestURI().getRawPath();
  }

  @Override
  public Iterator<String> headers(String name) {
    List<String> l = exchange.getRequestHeaders().get(name);
    if (l == null || l.isEmpty()) {
      return null;
    }
    lines = l;
    next = 0;
    return this;
  }

  @Override
  public boolean hasNext() {
    return next < lines.size();
  }

  @Override
  public String next() {
    if (next >= lines.size()) {
      throw new NoSuchElementException();
    }
    return lines.get(next++);
  }

  @Override
  public String header(String name) {
    List<String> lines = exchange.getResponseHeaders().get(name);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    return lines.size() == 1 ? lines.get(0) : String.join(", ", lines);
  }

  @Override
  public void setHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  @Override
  public void removeHeader(String name) {
    exchange.getResponseHeaders().remove(name);
  }

  @Override
  public Iterable<String> headerNames() {
    return exchange.getResponseHeaders().keySet();
  }

  @Override
  public void send(int status, byte[] body) throws IOException {
    exchange.getRequestBody().close();
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
