package dev.corsair.servlet;

import dev.corsair.CorsDecision;
import dev.corsair.CorsHeaders;
import dev.corsair.HeaderWriter;
import dev.corsair.Vary;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;

/**
 * The response the application sees: the CORS headers are already on the real response, and this
 * keeps them there. The application's own {@code Access-Control-*} headers are dropped, its {@code
 * Vary} is merged with the decision's, and {@code reset()} puts the CORS headers back. The only
 * allocation the filter makes per request; it is also the {@link HeaderWriter} for the decision.
 */
final class CorsResponse extends HttpServletResponseWrapper implements HeaderWriter {
  private final HttpServletResponse real;
  private final CorsDecision decision;
  private final CorsFilter filter;

  /**
   * @param response the response the filter received, which the application's calls go to
   * @param real where corsair writes its own headers: {@code response}, or the real response under
   *     an earlier {@code CorsResponse} it wraps (Undertow hands the first dispatch's wrapper to an
   *     async dispatch)
   */
  CorsResponse(
      HttpServletResponse response,
      HttpServletResponse real,
      CorsDecision decision,
      CorsFilter filter) {
    super(response);
    this.real = real;
    this.decision = decision;
    this.filter = filter;
  }

  /** The response corsair writes its own headers to, below any earlier {@code CorsResponse}. */
  static HttpServletResponse target(HttpServletResponse response) {
    ServletResponse r = response;
    while (r instanceof ServletResponseWrapper w) {
      if (w instanceof CorsResponse c) {
        return c.real;
      }
      r = w.getResponse();
    }
    return response;
  }

  /** Writes the decision's headers and merged {@code Vary} onto the real response. */
  void restore() {
    decision.writeHeaders(this);
    String vary = decision.vary();
    if (vary != null) {
      real.setHeader(CorsHeaders.VARY, Vary.merge(existingVary(), vary));
    }
  }

  /** {@link HeaderWriter}: straight to the real response. */
  @Override
  public void set(String name, String value) {
    real.setHeader(name, value);
  }

  private String existingVary() {
    if (!real.containsHeader(CorsHeaders.VARY)) {
      return null;
    }
    Collection<String> lines = real.getHeaders(CorsHeaders.VARY);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    if (lines.size() == 1) {
      return lines.iterator().next();
    }
    StringBuilder b = new StringBuilder();
    for (Iterator<String> i = lines.iterator(); i.hasNext(); ) {
      b.append(i.next());
      if (i.hasNext()) {
        b.append(", ");
      }
    }
    return b.toString();
  }

  /** Whether {@code name} is a CORS response header, which the application must not set. */
  private static boolean foreign(String name) {
    return name != null && CorsHeaders.isCorsResponseHeader(name);
  }

  private static boolean isVary(String name) {
    return CorsHeaders.VARY.equalsIgnoreCase(name);
  }

  @Override
  public void setHeader(String name, String value) {
    if (foreign(name)) {
      filter.foreignHeader(name, value);
    } else if (isVary(name)) {
      // The application's Vary replaces its own earlier one, never the decision's names.
      String merged = Vary.merge(value, decision.vary());
      super.setHeader(merged == null ? name : CorsHeaders.VARY, merged);
    } else {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (foreign(name)) {
      filter.foreignHeader(name, value);
    } else if (isVary(name) && value != null) {
      super.setHeader(
          CorsHeaders.VARY, Vary.merge(Vary.merge(existingVary(), value), decision.vary()));
    } else {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (foreign(name)) {
      filter.foreignHeader(name, Integer.toString(value));
    } else {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (foreign(name)) {
      filter.foreignHeader(name, Integer.toString(value));
    } else {
      super.addIntHeader(name, value);
    }
  }

  @Override
  public void setDateHeader(String name, long date) {
    if (foreign(name)) {
      filter.foreignHeader(name, Long.toString(date));
    } else {
      super.setDateHeader(name, date);
    }
  }

  @Override
  public void addDateHeader(String name, long date) {
    if (foreign(name)) {
      filter.foreignHeader(name, Long.toString(date));
    } else {
      super.addDateHeader(name, date);
    }
  }

  @Override
  public void reset() {
    super.reset();
    restore();
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    restore();
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    restore();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    restore();
    super.sendError(sc);
  }
}
