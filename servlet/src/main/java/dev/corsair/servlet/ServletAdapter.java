package dev.corsair.servlet;

import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/**
 * A servlet request and the real response under any wrapper, lent to the engine. The path is the
 * one the client sent, after the context path (see {@link CorsFilter#path}). It is also the
 * iterator over the lines of the request header last asked for (the engine reads one header's lines
 * completely before asking for the next), so reading a header allocates nothing here. An absent
 * header is found with {@code getHeader}, without the {@code Enumeration} some containers allocate
 * even then; {@link #headers} returns this object even for an absent header (empty), never null, so
 * that the JIT can scalar-replace it: a merge with null defeats that.
 */
final class ServletAdapter implements CorsRequest, CorsResponse, Iterator<String> {
  private final HttpServletRequest request;
  private final DispatcherType type;
  private final HttpServletResponse response;

  /** The lines of the request header last asked for, from the container; never null. */
  private Enumeration<String> lines = Collections.emptyEnumeration();

  /**
   * Whether the application (or the container, between dispatches) may have set headers on the
   * response. Until then only filters before corsair could have, and corsair is registered first,
   * so {@link #headerNames()} lists nothing rather than make the container copy its header names on
   * every request.
   */
  private final boolean applicationRan;

  ServletAdapter(HttpServletRequest request, DispatcherType type, HttpServletResponse response) {
    this(request, type, response, type != DispatcherType.REQUEST);
  }

  private ServletAdapter(
      HttpServletRequest request,
      DispatcherType type,
      HttpServletResponse response,
      boolean applicationRan) {
    this.request = request;
    this.type = type;
    this.response = response;
    this.applicationRan = applicationRan;
  }

  /**
   * The response side of {@code response} once the application (or the container) may have set
   * headers on it: {@link #headerNames()} lists its real header names. Only its response side is
   * used (by {@link dev.corsair.CorsDecision#applyTo}).
   */
  static ServletAdapter afterApplication(HttpServletResponse response) {
    return new ServletAdapter(null, null, response, true);
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
    Enumeration<String> e = request.getHeader(name) == null ? null : request.getHeaders(name);
    lines = e == null ? Collections.emptyEnumeration() : e;
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
    return header(response, name);
  }

  /** The lines of response header {@code name} joined with {@code ", "}; null when absent. */
  static String header(HttpServletResponse response, String name) {
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
