package dev.corsair.spring.boot.it;

import dev.corsair.testkit.TestApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@link TestApp} as a servlet: every method, the marker, {@code Vary}, the body. */
final class TestAppServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The paths of the shared case table; everything else is Spring MVC's. */
  static final String[] MAPPINGS = {"/api/*", "/apiary", "/public/*", "/other"};

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    res.setStatus(TestApp.STATUS);
    res.setHeader(TestApp.MARKER, TestApp.MARKER_VALUE);
    res.setHeader("Vary", TestApp.VARY);
    res.setContentType("text/plain;charset=utf-8");
    res.getWriter().write(TestApp.BODY);
  }
}
