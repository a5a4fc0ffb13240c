package dev.corsair.servlet;

import dev.corsair.CorsHeaders;
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

  /** Marks a header {@link CorsFilter} did not read ahead, or that has several lines. */
  static final String UNREAD = new String("(unread)");

  /**
   * The only line of {@code Origin} and of the {@code Access-Control-Request-*} headers as {@link
   * CorsFilter#doFilter} read them, null when absent, or {@link #UNREAD}: the engine's look-ups of
   * these are answered from here, so this object's methods never call the container during {@code
   * decide} (a method that inlines the container's header look-up is compiled too big to be inlined
   * into the filter, and this object would then escape).
   */
  private final String origin;

  private final String requestMethod;
  private final String requestHeaders;
  private final String privateNetwork;

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
    this(request, type, response, UNREAD, UNREAD, UNREAD, UNREAD);
  }

  /**
   * @param origin the only line of {@code Origin}, null when absent, {@link #UNREAD} when not read
   *     or of several lines; likewise the {@code Access-Control-Request-*} headers
   */
  ServletAdapter(
      HttpServletRequest request,
      DispatcherType type,
      HttpServletResponse response,
      String origin,
      String requestMethod,
      String requestHeaders,
      String privateNetwork) {
    this.request = request;
    this.type = type;
    this.response = response;
    this.origin = origin;
    this.requestMethod = requestMethod;
    this.requestHeaders = requestHeaders;
    this.privateNetwork = privateNetwork;
  }

  /**
   * The only line of request header {@code name}: null when absent, {@link #UNREAD} when it has
   * several.
   */
  static String onlyLine(HttpServletRequest request, String name) {
    if (request.getHeader(name) == null) {
      return null;
    }
    Enumeration<String> lines = request.getHeaders(name);
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    String line = lines.nextElement();
    return lines.hasMoreElements() ? UNREAD : line;
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
    // The engine asks with these constants; any other name (or spelling) reads the container.
    String line =
        name == CorsHeaders.ORIGIN
            ? origin
            : name == CorsHeaders.REQUEST_METHOD
                ? requestMethod
                : name == CorsHeaders.REQUEST_HEADERS
                    ? requestHeaders
                    : name == CorsHeaders.REQUEST_PRIVATE_NETWORK ? privateNetwork : UNREAD;
    if (line == UNREAD) {
      fromContainer(name);
    } else {
      first = line;
      rest = null;
    }
    return this;
  }

  /** Reads every line of request header {@code name} from the container. */
  private void fromContainer(String name) {
    Enumeration<String> e = request.getHeader(name) == null ? null : request.getHeaders(name);
    first = e != null && e.hasMoreElements() ? e.nextElement() : null;
    rest = first != null && e.hasMoreElements() ? e : null;
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
