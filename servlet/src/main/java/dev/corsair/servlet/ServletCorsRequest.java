package dev.corsair.servlet;

import dev.corsair.CorsHeaders;
import dev.corsair.CorsRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A servlet request lent to the engine. The path is the one the client sent, after the context path
 * (see {@link CorsFilter#path}). It is also the iterator over the lines of the request header last
 * asked for (the engine reads one header's lines completely before asking for the next), so reading
 * a header allocates nothing here, and {@link #headers} never returns null, so that the JIT can
 * scalar-replace this object (a merge with null, or a field holding the container's enumeration,
 * defeats that).
 */
final class ServletCorsRequest implements CorsRequest, Iterator<String> {
  /** Marks a header {@link #read} did not read ahead, or that has several lines. */
  private static final String UNREAD = new String("(unread)");

  private final HttpServletRequest request;
  private final DispatcherType type;

  /**
   * The only line of {@code Origin} and of the {@code Access-Control-Request-*} headers as {@link
   * #read} found them, null when absent, or {@link #UNREAD}: the engine's look-ups of these are
   * answered from here, so no method of this object calls the container during {@code decide} (a
   * method that inlines the container's header look-up compiles too big to be inlined into the
   * filter, and this object would then escape).
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

  private ServletCorsRequest(
      HttpServletRequest request,
      DispatcherType type,
      String origin,
      String requestMethod,
      String requestHeaders,
      String privateNetwork) {
    this.request = request;
    this.type = type;
    this.origin = origin;
    this.requestMethod = requestMethod;
    this.requestHeaders = requestHeaders;
    this.privateNetwork = privateNetwork;
  }

  /**
   * The request on dispatch {@code type}, with the headers the engine reads already read: {@code
   * Origin}, and for an {@code OPTIONS} request the {@code Access-Control-Request-*} headers (one
   * look-up each).
   */
  static ServletCorsRequest read(HttpServletRequest request, DispatcherType type) {
    boolean options = "OPTIONS".equals(request.getMethod());
    return new ServletCorsRequest(
        request,
        type,
        onlyLine(request, CorsHeaders.ORIGIN),
        options ? onlyLine(request, CorsHeaders.REQUEST_METHOD) : UNREAD,
        options ? onlyLine(request, CorsHeaders.REQUEST_HEADERS) : UNREAD,
        // The engine reads only the first line of this one.
        options ? request.getHeader(CorsHeaders.REQUEST_PRIVATE_NETWORK) : UNREAD);
  }

  /**
   * The only line of request header {@code name}: null when absent, {@link #UNREAD} when it has
   * several.
   */
  private static String onlyLine(HttpServletRequest request, String name) {
    Enumeration<String> lines = request.getHeaders(name);
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    String line = lines.nextElement();
    return lines.hasMoreElements() ? UNREAD : line;
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
    Enumeration<String> e = request.getHeaders(name);
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
}
