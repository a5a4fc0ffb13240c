package dev.corsair.servlet;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Properties;

/**
 * A Jakarta Servlet 6 filter that applies a corsair policy: it answers preflights itself (they
 * never reach the application) and puts the CORS headers on every other response under the policy,
 * whatever its status: {@code sendError}, uncaught exceptions turned into error pages, the
 * container's own 404, streamed responses, async responses and responses after {@code reset()}.
 *
 * <p>Register it first in the chain (before authentication filters, which would otherwise refuse
 * preflights, since browsers send them without credentials), async-supported, for the {@code
 * REQUEST}, {@code ERROR} and {@code ASYNC} dispatches:
 *
 * <pre>{@code
 * FilterRegistration.Dynamic cors = ctx.addFilter("cors", new CorsFilter(policy));
 * cors.setAsyncSupported(true);
 * cors.addMappingForUrlPatterns(
 *     EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC), false, "/*");
 * }</pre>
 *
 * <p>Running again on an {@code ERROR} or {@code ASYNC} dispatch of the same request reuses the
 * first decision and never duplicates a header. {@code cors.paths} is matched against the path the
 * client sent, after the context path (on an {@code ERROR} dispatch, the original request's path).
 * Any {@code Access-Control-*} response header the application sets itself (Spring's
 * {@code @CrossOrigin}, another CORS filter) is dropped, with one warning, so a response never
 * carries two sets.
 */
public final class CorsFilter implements Filter {
  /** The request attribute holding the decision taken on the first dispatch. */
  static final String DECISION = CorsFilter.class.getName() + ".decision";

  private static final System.Logger LOG = System.getLogger("dev.corsair.servlet");

  private volatile CorsEngine engine;
  private volatile boolean warnedForeign;

  /**
   * A filter configured by its init-params, named by the property keys of README.md's settings
   * table ({@code cors.allowed-origins}, {@code cors.allow-credentials}, ...), for {@code web.xml}
   * and {@code ServletContext.addFilter(name, CorsFilter.class)}.
   */
  public CorsFilter() {}

  /** A filter enforcing one policy; init-params are ignored. */
  public CorsFilter(CorsPolicy policy) {
    this(CorsEngine.of(Objects.requireNonNull(policy, "policy")));
  }

  /** A filter enforcing an engine's policies (first path match wins); init-params are ignored. */
  public CorsFilter(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Builds the policy from the {@code cors.*} init-params unless one was given to the constructor.
   *
   * @throws ServletException naming every invalid setting and its value, so that the application
   *     fails to deploy
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (engine != null) {
      return;
    }
    Properties p = new Properties();
    for (Enumeration<String> names = config.getInitParameterNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      if (name.startsWith("cors.")) {
        p.setProperty(name, config.getInitParameter(name));
      }
    }
    try {
      engine = CorsEngine.of(CorsPolicy.fromProperties(p));
    } catch (CorsConfigException e) {
      throw new ServletException(
          "corsair filter " + config.getFilterName() + ": " + e.getMessage(), e);
    }
  }

  /** The engine in force, or null before {@code init} for a filter configured by init-params. */
  CorsEngine engine() {
    return engine;
  }

  private CorsEngine engineInForce() {
    CorsEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("CorsFilter used before init(FilterConfig) was called");
    }
    return e;
  }

  /**
   * Lends the request and the real response to the engine (or reuses the first dispatch's
   * decision); a preflight is answered there. Any other request under a policy reaches the
   * application through a {@link GuardedResponse} that keeps the decision's headers on the
   * response.
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest req)
        || !(response instanceof HttpServletResponse res)) {
      chain.doFilter(request, response);
      return;
    }
    DispatcherType type = req.getDispatcherType();
    if (type == DispatcherType.INCLUDE) {
      chain.doFilter(request, response);
      return;
    }
    CorsDecision d;
    if (req.getAttribute(DECISION) instanceof CorsDecision earlier) {
      d = earlier;
    } else {
      d = engineInForce().decide(ServletCorsRequest.read(req, type));
      if (d.isCovered()) {
        // An ERROR or ASYNC dispatch of this request reuses it (and logs no second rejection).
        req.setAttribute(DECISION, d);
      }
    }
    if (!d.isCovered()) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse target = GuardedResponse.target(res);
    if (d.isPreflight()) {
      if (!res.isCommitted()) {
        answerPreflight(d, target, type);
      }
      return;
    }
    d.applyTo(ServletCorsResponse.onDispatch(target, type));
    GuardedResponse guarded = new GuardedResponse(res, target, d, this);
    try {
      chain.doFilter(request, guarded);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      if (type != DispatcherType.REQUEST || !UndertowUncaught.answer(req, guarded, e)) {
        throw e;
      }
    }
  }

  /**
   * Answers a preflight on {@code target}. A method of its own, so that the JIT compiles it apart
   * from {@link #doFilter} (whose inlining budget the decision already used up) and can then keep
   * the per-request response object off the heap.
   */
  private static void answerPreflight(
      CorsDecision d, HttpServletResponse target, DispatcherType type) throws IOException {
    d.answerPreflight(ServletCorsResponse.onDispatch(target, type));
  }

  /**
   * The path the client sent, after the context path: on an error or async dispatch, the original
   * request's.
   */
  static String path(HttpServletRequest req, DispatcherType type) {
    Object original =
        switch (type) {
          case ERROR -> req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
          case ASYNC -> req.getAttribute(AsyncContext.ASYNC_REQUEST_URI);
          case FORWARD -> req.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
          default -> null;
        };
    String uri = original instanceof String s ? s : req.getRequestURI();
    String context = req.getContextPath();
    return context == null || context.isEmpty() || !uri.startsWith(context)
        ? uri
        : uri.substring(context.length());
  }

  /** Whether this filter has seen, and warned about, another source of CORS headers. */
  boolean warnedForeign() {
    return warnedForeign;
  }

  /** Logs, once per filter, that something else also answers CORS. */
  void foreignHeader(String name, String value) {
    if (!warnedForeign) {
      warnedForeign = true;
      LOG.log(
          Level.WARNING,
          "the application set "
              + name
              + ": "
              + value
              + " itself; corsair removed it and sends its own policy's headers. Another CORS"
              + " handler is on (Spring's @CrossOrigin or CorsConfiguration, Tomcat's CorsFilter,"
              + " a hand-written filter): turn it off so there is one source of CORS headers.");
    }
  }
}
