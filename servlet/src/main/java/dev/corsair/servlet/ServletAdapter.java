package dev.corsair.servlet;

import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;

/**
 * A servlet request and the real response under any wrapper, lent to the engine. The path is the
 * one the client sent, after the context path (see {@link CorsFilter#path}).
 */
final class ServletAdapter implements CorsRequest, CorsResponse {
  private final HttpServletRequest request;
  private final DispatcherType type;
  private final HttpServletResponse response;

  ServletAdapter(HttpServletRequest request, DispatcherType type, HttpServletResponse response) {
    this.request = request;
    this.type = type;
    this.response = response;
  }

  /** The real response. */
  HttpServletResponse response() {
    return response;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return CorsFilter.path(request, type);
  }

  @Override
  public Iterator<String> headers(String name) {
    Enumeration<String> lines = request.getHeaders(name);
    return lines == null || !lines.hasMoreElements() ? null : lines.asIterator();
  }

  @Override
  public String header(String name) {
    if (!response.containsHeader(name)) {
      return null;
    }
    Collection<String> lines = response.getHeaders(name);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    return lines.size() == 1 ? lines.iterator().next() : String.join(", ", lines);
  }

  @Override
  public void setHeader(String name, String value) {
    response.setHeader(name, value);
  }

  @Override
  public void removeHeader(String name) {
    response.setHeader(name, null);
  }

  @Override
  public Iterable<String> headerNames() {
    return response.getHeaderNames();
  }

  @Override
  public void send(int status, byte[] body) throws IOException {
    response.setStatus(status);
    if (status != HttpServletResponse.SC_NO_CONTENT) {
      response.setContentLength(body.length);
    }
    if (body.length > 0) {
      response.getOutputStream().write(body);
    }
    response.flushBuffer();
  }
}
