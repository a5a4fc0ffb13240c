package dev.corsair.servlet;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;

/**
 * Undertow's care for an uncaught exception: when no error page applies, Undertow clears every
 * response header, the CORS headers with them, before writing its own 500 page, so the browser
 * would report a CORS error instead of the 500. There (and only there) the exception becomes {@code
 * sendError(500)} with the standard error attributes, which keeps the headers. When an error page
 * applies (for the exception's type, for 500, or a default page) Undertow dispatches to it and the
 * filter puts the headers back on that dispatch, so the exception is left to Undertow.
 */
final class UndertowUncaught {
  private static final System.Logger LOG = System.getLogger("dev.corsair.servlet");

  private UndertowUncaught() {}

  /**
   * Answers {@code failure} with {@code sendError(500)} on {@code response} when the container is
   * Undertow, nothing is committed and Undertow has no error page for it; returns whether it did
   * (else the caller rethrows).
   */
  static boolean answer(HttpServletRequest request, HttpServletResponse response, Throwable failure)
      throws IOException {
    ServletContext context = request.getServletContext();
    if (context == null
        || context.getServerInfo() == null
        || !context.getServerInfo().startsWith("Undertow")
        || response.isCommitted()
        || request.isAsyncStarted()
        || hasErrorPage(context, failure)) {
      return false;
    }
    LOG.log(
        Level.ERROR,
        "uncaught exception on "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + "; answering 500 with the CORS headers (Undertow has no error page for it)",
        failure);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE, failure.getClass());
    request.setAttribute(RequestDispatcher.ERROR_MESSAGE, failure.getMessage());
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
    request.setAttribute(
        RequestDispatcher.ERROR_SERVLET_NAME, request.getHttpServletMapping().getServletName());
    response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    return true;
  }

  /**
   * Whether Undertow would dispatch {@code failure} to an error page, read through its public
   * {@code ServletContextImpl.getDeployment().getErrorPages().getErrorLocation(Throwable)}; true
   * when that cannot be read, so the exception is left to Undertow as before.
   */
  private static boolean hasErrorPage(ServletContext context, Throwable failure) {
    try {
      Object deployment = context.getClass().getMethod("getDeployment").invoke(context);
      Object pages = deployment.getClass().getMethod("getErrorPages").invoke(deployment);
      Method location = pages.getClass().getMethod("getErrorLocation", Throwable.class);
      return location.invoke(pages, failure) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }
}
