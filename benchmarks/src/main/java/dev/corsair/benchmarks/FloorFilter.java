package dev.corsair.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The floor: the least a filter can do and still send the right headers for these scenarios. It
 * looks the origin up in a hash set and writes precomputed headers; it validates neither the
 * requested method nor the requested headers of a preflight, and it does not keep its headers
 * through {@code reset()} or error pages. Nothing real should be faster.
 */
final class FloorFilter implements Filter {
  private final Set<String> origins;

  FloorFilter(List<String> origins) {
    this.origins = new HashSet<>(origins);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String origin = request.getHeader(Floor.ORIGIN);
    if (origin == null) {
      response.setHeader(Floor.VARY, Floor.ORIGIN);
      chain.doFilter(req, res);
      return;
    }
    boolean allowed = origins.contains(origin);
    if (Floor.OPTIONS.equals(request.getMethod())
        && request.getHeader(Floor.REQUEST_METHOD) != null) {
      response.setHeader(Floor.VARY, Floor.PREFLIGHT_VARY);
      if (allowed) {
        response.setHeader(Floor.ALLOW_ORIGIN, origin);
        response.setHeader(Floor.ALLOW_CREDENTIALS, Floor.TRUE);
        response.setHeader(Floor.ALLOW_METHODS, Floor.METHODS);
        response.setHeader(Floor.ALLOW_HEADERS, Floor.HEADERS);
        response.setHeader(Floor.MAX_AGE, Floor.MAX_AGE_VALUE);
        response.setStatus(204);
      } else {
        response.setStatus(403);
      }
      return;
    }
    response.setHeader(Floor.VARY, Floor.ORIGIN);
    if (allowed) {
      response.setHeader(Floor.ALLOW_ORIGIN, origin);
      response.setHeader(Floor.ALLOW_CREDENTIALS, Floor.TRUE);
      response.setHeader(Floor.EXPOSE_HEADERS, Floor.EXPOSED);
    }
    chain.doFilter(req, res);
  }
}
