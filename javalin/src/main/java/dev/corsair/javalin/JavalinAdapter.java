package dev.corsair.javalin;

import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

/** Adapts one Javalin context to the engine's CorsRequest and CorsResponse. */
final class JavalinAdapter implements CorsRequest, CorsResponse {
  private final Context ctx;
  private final HttpServletRequest request;
  private final HttpServletResponse response;

  JavalinAdapter(Context ctx) {
    this.ctx = ctx;
    this.request = ctx.req();
    this.response = ctx.res();
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  /** The path as sent, after the context path (as the routes see it). */
  @Override
  public String path() {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context == null || context.isEmpty() || !uri.startsWith(context)
        ? uri
        : uri.substring(context.length());
  }

  @Override
  public Iterator<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    return values == null || !values.hasMoreElements() ? null : values.asIterator();
  }

  @Override
  public String header(String name) {
    Collection<String> values = response.getHeaders(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.iterator().next() : String.join(", ", values);
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
    return List.copyOf(response.getHeaderNames());
  }

  /** Sets the preflight answer; Javalin writes it once the plugin skips the remaining handlers. */
  @Override
  public void send(int status, byte[] body) {
    ctx.status(status);
    if (body.length > 0) {
      ctx.result(body);
    }
  }
}
