package dev.corsair.benchmarks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application behind the filter: answers 200 with a five-byte body and records the call. */
final class AppChain implements FilterChain {
  private static final byte[] BODY = {'h', 'e', 'l', 'l', 'o'};

  boolean reached;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response) throws IOException {
    reached = true;
    ((HttpServletResponse) response).setStatus(200);
    response.getOutputStream().write(BODY);
  }
}
