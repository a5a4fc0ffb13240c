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
import java.util.List;

/**
 * A servlet request and the real response under any wrapper, lent to the engine. The path is the
 * one the client sent, after the context path (see {@link CorsFilter#path}). It is also the
 * iterator over the lines of the request header last asked for (the engine reads one header's lines
 * completely before asking for the next), so reading a header allocates nothing here.
 */
final class ServletAdapter implements CorsRequest, CorsResponse, Iterator<String> {
  private final HttpServletRequest request;
  private final DispatcherType type;
  private final HttpServletResponse response;
  private Enumeration<String> lines;

  /**
   * Whether the application (or the container, between dispatches) may have set headers on the
   * response. Until then only filters before corsair could have, and corsair is registered first,
   * so {@link #headerNames()} lists nothing rather than make the container copy its header names on
   * every request.
   */
  private boolean applicationRan;

  ServletAdapter(HttpServletRequest request, DispatcherType type, HttpServletResponse response) {
    this.request = request;
    this.type = type;
    this.response = response;
    this.applicationRan = type != DispatcherType.REQUEST;
  }

  /** From now on {@link #headerNames()} lists the response's real header names. */
  void applicationRan() {
    applicationRan = true;
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
    Enumeration<String> e = request.getHeaders(name);
    if (e == null || !e.hasMoreElements()) {
      return null;
    }
    lines = e;
    return this;
  }

  @Override
  public boolean hasNext() {
    return lines.hasMoreElements();
  }

  @Override
  public String next() {
    return lines.nextElement();
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
    return applicationRan ? response.getHeaderNames() : List.of();
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
