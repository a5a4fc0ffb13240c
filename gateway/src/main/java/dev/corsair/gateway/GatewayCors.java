package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.Vary;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The gateway's adapter to the CORS engine: Netty request headers in, Netty headers out. */
final class GatewayCors {
  private GatewayCors() {}

  /** The engine's decision for a request. */
  static CorsDecision decide(CorsEngine engine, String method, String path, HttpHeaders h) {
    return engine.decide(
        method,
        path,
        joined(h.getAll(HttpHeaderNames.ORIGIN), ", "),
        joined(h.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD), ", "),
        joined(h.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), ","),
        h.get(CorsHeaders.REQUEST_PRIVATE_NETWORK));
  }

  /** The complete answer to a preflight. */
  static FullHttpResponse preflight(CorsDecision decision) {
    FullHttpResponse r = LocalAnswers.text(decision.status(), decision.body());
    HttpHeaders h = r.headers();
    decision.writeHeaders(h::set);
    h.set(HttpHeaderNames.VARY, decision.vary());
    return r;
  }

  /** Replaces a response's own CORS headers with the decision's and merges {@code Vary}. */
  static void apply(CorsDecision decision, HttpHeaders h) {
    List<String> remove = null;
    Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
    while (it.hasNext()) {
      CharSequence name = it.next().getKey();
      if (name.length() > 15 && (name.charAt(0) == 'a' || name.charAt(0) == 'A')) {
        String n = name.toString();
        if (CorsHeaders.isCorsResponseHeader(n)) {
          if (remove == null) {
            remove = new ArrayList<>(2);
          }
          remove.add(n);
        }
      }
    }
    if (remove != null) {
      remove.forEach(h::remove);
    }
    decision.writeHeaders(h::set);
    String vary = decision.vary();
    if (vary != null) {
      List<String> all = h.getAll(HttpHeaderNames.VARY);
      String existing = all.isEmpty() ? null : String.join(", ", all);
      h.set(HttpHeaderNames.VARY, Vary.merge(existing, vary));
    }
  }

  /** The request's origin as the log shows it (repeated lines joined), or null. */
  static String origin(HttpHeaders h) {
    return joined(h.getAll(HttpHeaderNames.ORIGIN), ", ");
  }

  private static String joined(List<String> values, String sep) {
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(sep, values);
  }
}
