package dev.corsair.servlet;

import dev.corsair.CorsHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the preflights that reach the server, by path, then hands every request to a filter. */
final class PreflightCounter implements Filter {
  private final Filter delegate;
  private final Map<String, AtomicInteger> preflights = new ConcurrentHashMap<>();

  PreflightCounter(Filter delegate) {
    this.delegate = delegate;
  }

  /** How many preflights for {@code path} (the request URI) reached the server. */
  int preflights(String path) {
    AtomicInteger n = preflights.get(path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    delegate.init(config);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (req.getMethod().equals("OPTIONS") && req.getHeader(CorsHeaders.REQUEST_METHOD) != null) {
      preflights.computeIfAbsent(req.getRequestURI(), k -> new AtomicInteger()).incrementAndGet();
    }
    delegate.doFilter(request, response, chain);
  }
}
