package dev.corsair.benchmarks;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The floor for the JDK server: see {@link FloorFilter}. */
final class JdkFloorFilter extends Filter {
  private final Set<String> origins;

  JdkFloorFilter(List<String> origins) {
    this.origins = new HashSet<>(origins);
  }

  @Override
  public String description() {
    return "floor";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Headers in = exchange.getRequestHeaders();
    Headers out = exchange.getResponseHeaders();
    String origin = in.getFirst(Floor.ORIGIN);
    if (origin == null) {
      out.set(Floor.VARY, Floor.ORIGIN);
      chain.doFilter(exchange);
      return;
    }
    boolean allowed = origins.contains(origin);
    if (Floor.OPTIONS.equals(exchange.getRequestMethod())
        && in.getFirst(Floor.REQUEST_METHOD) != null) {
      out.set(Floor.VARY, Floor.PREFLIGHT_VARY);
      if (allowed) {
        out.set(Floor.ALLOW_ORIGIN, origin);
        out.set(Floor.ALLOW_CREDENTIALS, Floor.TRUE);
        out.set(Floor.ALLOW_METHODS, Floor.METHODS);
        out.set(Floor.ALLOW_HEADERS, Floor.HEADERS);
        out.set(Floor.MAX_AGE, Floor.MAX_AGE_VALUE);
      }
      exchange.sendResponseHeaders(allowed ? 204 : 403, -1);
      exchange.close();
      return;
    }
    out.set(Floor.VARY, Floor.ORIGIN);
    if (allowed) {
      out.set(Floor.ALLOW_ORIGIN, origin);
      out.set(Floor.ALLOW_CREDENTIALS, Floor.TRUE);
      out.set(Floor.EXPOSE_HEADERS, Floor.EXPOSED);
    }
    chain.doFilter(exchange);
  }
}
