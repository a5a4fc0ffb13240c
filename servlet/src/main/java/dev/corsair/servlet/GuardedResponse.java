package dev.corsair.servlet;

import dev.corsair.CorsDecision;
import dev.corsair.CorsHeaders;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response the application sees: the CORS headers are already on the real response, and this
 * keeps them there. The application's own {@code Access-Control-*} headers are dropped, its {@code
 * Vary} is merged with the decision's, and {@code reset()}, {@code resetBuffer()} and {@code
 * sendError} put the CORS headers back.
 */
final class GuardedResponse extends HttpServletResponseWrapper {
  private final HttpServletResponse real;
  private final CorsDecision decision;
  private final CorsFilter filter;

  /**
   * @param response the response the filter received, which the application's calls go to
   * @param real the real response under any earlier {@code GuardedResponse} (Undertow hands the
   *     first dispatch's wrapper to an async dispatch), which the decision's headers go to
   */
  GuardedResponse(
      HttpServletResponse response,
      HttpServletResponse real,
      CorsDecision decision,
      CorsFilter filter) {
    super(response);
    this.real = real;
    this.decision = decision;
    this.filter = filter;
  }

  /** The response corsair writes its own headers to, below any earlier {@code GuardedResponse}. */
  static HttpServletResponse target(HttpServletResponse response) {
    ServletResponse r = response;
    while (r instanceof ServletResponseWrapper w) {
      if (w instanceof GuardedResponse g) {
        return g.real;
      }
      r = w.getResponse();
    }
    return response;
  }

  /**
   * Puts the decision's headers back once the application (or the container) may have changed the
   * headers. (The filter lends the engine its own response before the application runs; this one is
   * made only here, so that the filter's stays scalar-replaceable.)
   */
  private void restoreAfterApplication() {
    decision.applyTo(ServletCorsResponse.afterApplication(real));
  }

  @Override
  public void setHeader(String name, String value) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, value);
    } else if (CorsHeaders.VARY.equalsIgnoreCase(name)) {
      // The application's Vary replaces its own earlier one, never the decision's names.
      String merged = decision.mergeVary(value);
      super.setHeader(merged == null ? name : CorsHeaders.VARY, merged);
    } else {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, value);
    } else if (CorsHeaders.VARY.equalsIgnoreCase(name) && value != null) {
      String existing = ServletCorsResponse.header(real, CorsHeaders.VARY);
      super.setHeader(
          CorsHeaders.VARY, decision.mergeVary(existing == null ? value : existing + ", " + value));
    } else {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, Integer.toString(value));
    } else {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, Integer.toString(value));
    } else {
      super.addIntHeader(name, value);
    }
  }

  @Override
  public void setDateHeader(String name, long date) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, Long.toString(date));
    } else {
      super.setDateHeader(name, date);
    }
  }

  @Override
  public void addDateHeader(String name, long date) {
    if (decision.overrides(name)) {
      filter.foreignHeader(name, Long.toString(date));
    } else {
      super.addDateHeader(name, date);
    }
  }

  @Override
  public void reset() {
    super.reset();
    restoreAfterApplication();
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    restoreAfterApplication();
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    restoreAfterApplication();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    restoreAfterApplication();
    super.sendError(sc);
  }
}
