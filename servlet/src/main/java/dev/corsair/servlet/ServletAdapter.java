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
import java.util.NoSuchElementException;

/**
 * A servlet request and the real response under any wrapper, lent to the engine. The path is the
 * one the client sent, after the context path (see {@link CorsFilter#path}). It is also the
 * iterator over the lines of the request header last asked for (the engine reads one header's lines
 * completely before asking for the next), so reading a header allocates nothing here. An absent
 * header is found with {@code getHeader}, without the {@code Enumeration} some containers allocate
 * even then; {@link #headers} returns this object even for an absent header (empty), never null,
 * and keeps a container's {@code Enumeration} only for a header of several lines, so that the JIT
 * can scalar-replace both (a merge with null, or a field holding the enumeration, defeats that).
 */
final class ServletAdapter implements CorsRequest, CorsResponse, Iterator<String> {
  private final HttpServletRequest request;
  private final DispatcherType type;
  private final HttpServletResponse response;

  /** The next line of the request header last asked for; null once returned or when absent. */
  private String first;

  /**
   * The container's lines of that header after {@link #first}, kept only when it has several
   * (rare); null otherwise, so that the usual {@code Enumeration} never lands in a field.
   */
  private Enumeration<String> rest;

  /**
   * @param type the dispatch; null for {@link #afterApplication}
   */
  ServletAdapter(HttpServletRequest request, DispatcherType type, HttpServletResponse response) {
    this.request = request;
    this.type = type;
    this.response = response;
  }

  /**
   * The response side of {@code response} once the application (or the container) may have set
   * headers on it: {@link #headerNames()} lists its real header names. Only its response side is
   * used (by {@link dev.corsair.CorsDecision#applyTo}).
   */
  static ServletAdapter afterApplication(HttpServletResponse response) {
    return new ServletAdapter(null, null, response);
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
    first = e != null && e.hasMoreElements() ? e.nextElement() : null;
    rest = first != null && e.hasMoreElements() ? e : null;
    return this;
  }

  @Override
  public boolean hasNext() {
    return first != null || (rest != null && rest.hasMoreElements());
  }

  @Override
  public String next() {
    String line = first;
    if (line != null) {
      first = null;
      return line;
    }
    if (rest == null) {
      throw new NoSuchElementException();
    }
    return rest.nextElement();
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

  /**
   * The response's header names once the application (or the container, between dispatches) may
   * have set headers: on a {@code REQUEST} dispatch, before the application ran, only filters
   * before corsair could have, and corsair is registered first, so this lists nothing rather than
   * make the container copy its header names on every request. ({@link #afterApplication} has no
   * dispatch type.)
   */
  @Override
  public Iterable<String> headerNames() {
    return type != DispatcherType.REQUEST ? response.getHeaderNames() : List.of();
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
