package dev.corsair.vertx;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.Vary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** Stands in for the core's front-end API (CorsEngine.handle, CorsDecision.applyTo). */
final class CoreBridge {
  private CoreBridge() {}

  static CorsDecision handle(CorsEngine engine, VertxExchange ex) throws IOException {
    String method = ex.method();
    boolean options = "OPTIONS".equals(method);
    CorsDecision d =
        engine.decide(
            method,
            ex.path(),
            joined(ex.headers(CorsHeaders.ORIGIN), ", "),
            options ? joined(ex.headers(CorsHeaders.REQUEST_METHOD), ", ") : null,
            options ? joined(ex.headers(CorsHeaders.REQUEST_HEADERS), ",") : null,
            options ? joined(ex.headers(CorsHeaders.REQUEST_PRIVATE_NETWORK), ", ") : null);
    if (d.isPreflight()) {
      d.writeHeaders(ex::setHeader);
      ex.setHeader(CorsHeaders.VARY, d.vary());
      byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
      if (body.length > 0) {
        ex.setHeader("Content-Type", "text/plain; charset=utf-8");
      }
      ex.send(d.status(), body);
    } else if (d.isCovered()) {
      applyTo(d, ex);
    }
    return d;
  }

  static void applyTo(CorsDecision d, VertxExchange ex) {
    for (String name : ex.headerNames()) {
      if (CorsHeaders.isCorsResponseHeader(name)) {
        ex.removeHeader(name);
      }
    }
    d.writeHeaders(ex::setHeader);
    if (d.vary() != null) {
      ex.setHeader(CorsHeaders.VARY, Vary.merge(ex.header(CorsHeaders.VARY), d.vary()));
    }
  }

  private static String joined(Iterator<String> lines, String separator) {
    if (lines == null || !lines.hasNext()) {
      return null;
    }
    String first = lines.next();
    if (!lines.hasNext()) {
      return first;
    }
    StringBuilder b = new StringBuilder(first);
    while (lines.hasNext()) {
      b.append(separator).append(lines.next());
    }
    return b.toString();
  }
}
