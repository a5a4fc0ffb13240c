package dev.corsair.servlet;

import dev.corsair.CorsResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;

/** A servlet response (the real one, under any wrapper) lent to the engine. */
final class ServletCorsResponse implements CorsResponse {
  private final HttpServletResponse response;

  /**
   * Whether the application (or the container, between dispatches) may have set headers already: on
   * a {@code REQUEST} dispatch, before the application ran, only filters before corsair could have,
   * and corsair is registered first, so {@link #headerNames} then lists nothing rather than make
   * the container copy its header names on every request.
   */
  private final boolean headersMaybeSet;

  private ServletCorsResponse(HttpServletResponse response, boolean headersMaybeSet) {
    this.response = response;
    this.headersMaybeSet = headersMaybeSet;
  }

  /** {@code response} as the filter finds it on dispatch {@code type}, before the application. */
  static ServletCorsResponse onDispatch(HttpServletResponse response, DispatcherType type) {
    return new ServletCorsResponse(response, type != DispatcherType.REQUEST);
  }

  /** {@code response} once the application (or the container) may have set headers on it. */
  static ServletCorsResponse afterApplication(HttpServletResponse response) {
    return new ServletCorsResponse(response, true);
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
    // An empty list whose iterator is a shared instance: nothing to allocate, inlined or not.
    return headersMaybeSet ? response.getHeaderNames() : Collections.emptyList();
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
