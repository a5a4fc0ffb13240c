package dev.corsair.servlet;

import dev.corsair.testkit.TestApp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application behind the filter in every container: by default it behaves like {@link TestApp};
 * the query parameter {@code do} picks another way of answering (an error, a streamed or async
 * response, a reset, its own CORS headers, ...), each of which must still carry the CORS headers.
 */
final class App extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Custom header the browser suite reads (the policies expose it). */
  static final String TOTAL = "X-Total-Count";

  /** Thrown by {@code do=throw}; the container turns it into its error page. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("the application failed on purpose");
    }
  }

  /** The URL patterns the application answers; anything else is the container's own 404. */
  static Map<String, Servlet> mappings() {
    App app = new App();
    Map<String, Servlet> m = new LinkedHashMap<>();
    for (String p : new String[] {"/api/*", "/apiary", "/public/*", "/other", "/b/*"}) {
      m.put(p, app);
    }
    return m;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    String action = req.getParameter("do");
    if (action == null) {
      testApp(res);
      return;
    }
    switch (action) {
      case "echo" -> echo(req, res);
      case "status" -> {
        // An error the application renders itself (setStatus, not sendError), as JSON.
        appHeaders(res);
        res.setStatus(status(req, 500));
        json(res, "{\"error\":\"boom\",\"status\":" + status(req, 500) + "}");
      }
      case "send-error" -> {
        appHeaders(res);
        res.sendError(status(req, 500), "sent by the application");
      }
      case "throw" -> {
        appHeaders(res);
        throw new Boom();
      }
      case "stream" -> {
        appHeaders(res);
        res.setContentType("text/plain;charset=utf-8");
        res.getWriter().write("first part, ");
        res.flushBuffer();
        res.setHeader("X-Late", "ignored once committed");
        res.getWriter().write(TestApp.BODY);
      }
      case "reset" -> {
        res.setHeader("X-Before-Reset", "gone");
        res.setStatus(418);
        res.getWriter().write("discarded");
        res.reset();
        testApp(res);
      }
      case "foreign" -> {
        // What Spring's @CrossOrigin or a hand-written CORS filter would add.
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.addHeader("Access-Control-Allow-Origin", "https://other.example");
        res.setHeader("Access-Control-Allow-Credentials", "true");
        res.setIntHeader("Access-Control-Max-Age", 99);
        res.addHeader("Access-Control-Expose-Headers", "X-Secret");
        testApp(res);
        res.addHeader("Vary", "Accept-Language");
      }
      case "clear-vary" -> {
        testApp(res);
        res.setHeader("Vary", null);
      }
      case "async" -> {
        appHeaders(res);
        AsyncContext ctx = req.startAsync();
        ctx.start(
            () -> {
              try {
                HttpServletResponse r = (HttpServletResponse) ctx.getResponse();
                json(r, "{\"async\":true}");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } finally {
                ctx.complete();
              }
            });
      }
      case "async-dispatch" -> {
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
          testApp(res);
        } else {
          AsyncContext ctx = req.startAsync();
          ctx.start(ctx::dispatch);
        }
      }
      case "async-error" -> {
        AsyncContext ctx = req.startAsync();
        ctx.start(
            () -> {
              try {
                ((HttpServletResponse) ctx.getResponse()).sendError(503);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } finally {
                ctx.complete();
              }
            });
      }
      case "set-cookie" -> {
        Cookie c = new Cookie("session", req.getParameter("value"));
        c.setPath("/");
        c.setHttpOnly(true);
        res.addCookie(c);
        appHeaders(res);
        json(res, "{\"set\":true}");
      }
      default -> res.sendError(400, "unknown action " + action);
    }
  }

  private static int status(HttpServletRequest req, int fallback) {
    String s = req.getParameter("status");
    return s == null ? fallback : Integer.parseInt(s);
  }

  private static void appHeaders(HttpServletResponse res) {
    res.setHeader(TestApp.MARKER, TestApp.MARKER_VALUE);
    res.setHeader("Vary", TestApp.VARY);
  }

  private static void testApp(HttpServletResponse res) throws IOException {
    res.setStatus(TestApp.STATUS);
    appHeaders(res);
    res.setHeader(TOTAL, "42");
    res.setContentType("text/plain;charset=utf-8");
    res.getWriter().write(TestApp.BODY);
  }

  /** Answers with what the browser sent: method, headers of interest, cookie and body. */
  private static void echo(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    appHeaders(res);
    res.setHeader(TOTAL, "42");
    json(
        res,
        "{\"method\":"
            + quote(req.getMethod())
            + ",\"contentType\":"
            + quote(req.getContentType())
            + ",\"authorization\":"
            + quote(req.getHeader("Authorization"))
            + ",\"cookie\":"
            + quote(req.getHeader("Cookie"))
            + ",\"body\":"
            + quote(body)
            + "}");
  }

  static void json(HttpServletResponse res, String json) throws IOException {
    res.setContentType("application/json");
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    res.setContentLength(b.length);
    res.getOutputStream().write(b);
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** The global error page, rendering JSON like Spring Boot's {@code BasicErrorController}. */
  static final class ErrorPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      json(
          res,
          "{\"error\":\"from the error page\",\"status\":"
              + status
              + ",\"path\":"
              + quote(String.valueOf(uri))
              + "}");
    }
  }
}
