package dev.corsair;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Decides every request against an ordered list of policies (the first whose paths match wins),
 * logs each rejection with its reason, and optionally evaluates report-only candidate policies
 * beside the enforced ones. Thread-safe; front ends share one.
 *
 * <p>A front end lends the engine its request ({@link CorsRequest}) and response ({@link
 * CorsResponse}) and calls {@link #handle}: the engine answers a preflight itself and puts the CORS
 * headers on any other response under a policy; the front end then calls the application unless the
 * decision {@linkplain CorsDecision#isPreflight() is a preflight}, and calls {@link
 * CorsDecision#applyTo} again if the application could have changed the headers.
 */
public final class CorsEngine {
  static final Duration DEFAULT_LOG_WINDOW = Duration.ofSeconds(60);

  private final CorsPolicy[] policies;
  private final CorsPolicy[] reportOnly;
  private final RefusalLog refusalLog;
  private final RefusalLog reportOnlyLog;
  private final LongAdder[] refusals = new LongAdder[Rejection.Reason.values().length];

  private CorsEngine(Builder b) {
    this.policies = b.policies.toArray(new CorsPolicy[0]);
    this.reportOnly = b.reportOnly.toArray(new CorsPolicy[0]);
    CorsPolicy first = b.policies.get(0);
    Level level =
        b.rejectionLevel != null
            ? b.rejectionLevel
            : first.refusalLogLevel() != null ? first.refusalLogLevel() : Level.INFO;
    Duration window =
        b.logWindow != null
            ? b.logWindow
            : first.refusalLogWindow() != null ? first.refusalLogWindow() : DEFAULT_LOG_WINDOW;
    this.refusalLog = new RefusalLog("", level, window, b.nanoClock);
    this.reportOnlyLog =
        new RefusalLog(
            "report-only: ", level == Level.OFF ? Level.OFF : Level.WARNING, window, b.nanoClock);
    for (int i = 0; i < refusals.length; i++) {
      refusals[i] = new LongAdder();
    }
  }

  /** An engine enforcing {@code policies}, first path match wins. */
  public static CorsEngine of(CorsPolicy... policies) {
    Builder b = builder();
    for (CorsPolicy p : policies) {
      b.policy(p);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The enforced policies, in matching order. */
  public List<CorsPolicy> policies() {
    return List.of(policies);
  }

  /**
   * Decides one request. Several {@code Origin} lines are joined with {@code ", "} (so the request
   * is refused as malformed), several {@code Access-Control-Request-Method} lines with {@code ",
   * "}, several {@code Access-Control-Request-Headers} lines with {@code ","}; the {@code
   * Access-Control-Request-*} headers are read only for an {@code OPTIONS} request.
   */
  public CorsDecision decide(CorsRequest request) {
    String method = request.method();
    boolean options = "OPTIONS".equals(method);
    return decide(
        method,
        request.path(),
        joined(request.headers(CorsHeaders.ORIGIN), ", "),
        options ? joined(request.headers(CorsHeaders.REQUEST_METHOD), ", ") : null,
        options ? joined(request.headers(CorsHeaders.REQUEST_HEADERS), ",") : null,
        options ? first(request.headers(CorsHeaders.REQUEST_PRIVATE_NETWORK)) : null);
  }

  /**
   * Decides one request and does what the decision says to the response: a preflight is answered
   * completely through {@link CorsResponse#send} (status, headers, {@code Vary}, a {@code
   * text/plain} body when rejected); an actual request under a policy gets {@link
   * CorsDecision#applyTo} now. The front end then calls the application unless {@link
   * CorsDecision#isPreflight()}.
   *
   * @return the decision, to reapply once the application has set its headers
   */
  public CorsDecision handle(CorsRequest request, CorsResponse response) throws IOException {
    CorsDecision d = decide(request);
    if (d.isPreflight()) {
      d.answerPreflight(response);
    } else {
      d.applyTo(response);
    }
    return d;
  }

  /**
   * How many requests this engine refused since it was built, by {@linkplain Rejection.Reason
   * reason} name (every reason present, in declaration order). Report-only refusals are not
   * counted.
   */
  public Map<String, Long> refusalCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Rejection.Reason r : Rejection.Reason.values()) {
      counts.put(r.name(), refusals[r.ordinal()].sum());
    }
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Decides one request from its fields (front ends use {@link #decide(CorsRequest)} or {@link
   * #handle}, which read and join the headers themselves).
   *
   * @param method the request method, as sent
   * @param path the request path as sent, without query (after the context path for servlets)
   * @param origin the {@code Origin} field value, or null when absent; when the request carries
   *     several {@code Origin} lines, pass them joined with {@code ", "} (so it is refused as
   *     malformed)
   * @param requestMethod {@code Access-Control-Request-Method}, or null
   * @param requestHeaders {@code Access-Control-Request-Headers} (several lines joined with {@code
   *     ","}), or null
   * @param requestPrivateNetwork {@code Access-Control-Request-Private-Network}, or null
   */
  CorsDecision decide(
      String method,
      String path,
      String origin,
      String requestMethod,
      String requestHeaders,
      String requestPrivateNetwork) {
    String p = normalized(path);
    CorsPolicy policy = find(policies, p);
    CorsDecision d =
        policy == null
            ? CorsDecision.NO_POLICY
            : policy.evaluate(method, origin, requestMethod, requestHeaders, requestPrivateNetwork);
    // isRefused before rejection(): on the allowed path the JIT may not have loaded Rejection yet,
    // and then does not inline rejection().
    boolean refused = d.isRefused();
    if (refused) {
      refusals[d.rejection().reason().ordinal()].increment();
      refusalLog.refused(method, p, d);
    }
    if (reportOnly.length > 0 && origin != null) {
      CorsPolicy candidate = find(reportOnly, p);
      if (candidate != null) {
        CorsDecision c =
            candidate.evaluate(
                method, origin, requestMethod, requestHeaders, requestPrivateNetwork);
        if (c.isRefused() && !refused) {
          reportOnlyLog.refused(method, p, c);
        }
      }
    }
    return d;
  }

  /**
   * Whether an enforced policy covers {@code path}: only there does a request get a CORS decision
   * (elsewhere {@link CorsDecision.Kind#NO_POLICY}). Lets a front end that answers preflights on
   * its own fast path know, before deciding, that an {@code OPTIONS} request with {@code Origin}
   * and {@code Access-Control-Request-Method} will be decided as a preflight.
   */
  public boolean covers(String path) {
    return find(policies, normalized(path)) != null;
  }

  /** The path policies are matched against: an absent or empty one is {@code /}. */
  private static String normalized(String path) {
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** How many distinct refusals the refusal log tracks in its current window. */
  int trackedRefusals() {
    return refusalLog.tracked();
  }

  /** The lines of a header joined with {@code separator}; null when absent. */
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

  private static String first(Iterator<String> lines) {
    return lines == null || !lines.hasNext() ? null : lines.next();
  }

  private static CorsPolicy find(CorsPolicy[] list, String path) {
    for (CorsPolicy p : list) {
      if (p.covers(path)) {
        return p;
      }
    }
    return null;
  }

  /** Collects enforced and report-only policies. */
  public static final class Builder {
    private final List<CorsPolicy> policies = new ArrayList<>();
    private final List<CorsPolicy> reportOnly = new ArrayList<>();
    private Level rejectionLevel;
    private Duration logWindow;
    private LongSupplier nanoClock = System::nanoTime;

    private Builder() {}

    /** Adds an enforced policy; earlier ones win when paths overlap. */
    public Builder policy(CorsPolicy policy) {
      policies.add(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Adds a candidate policy that is evaluated but not enforced, like CSP's {@code
     * Content-Security-Policy-Report-Only}: each request it would refuse while the enforced policy
     * allows it is logged at {@code WARNING} with the reason, so a policy can be tightened without
     * breaking production.
     */
    public Builder reportOnly(CorsPolicy candidate) {
      reportOnly.add(Objects.requireNonNull(candidate, "candidate"));
      return this;
    }

    /**
     * The level of the refusal log on the {@code dev.corsair} logger; {@code OFF} turns it off.
     * Default: the first policy's {@code cors.log-level}, else {@code INFO}. Report-only lines are
     * written at {@code WARNING} unless this is {@code OFF}.
     */
    public Builder logRejectionsAt(Level level) {
      this.rejectionLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * How long repeats of a refusal are counted instead of logged: the first refusal of each
     * (reason, origin, policy) in a window is logged in full, and one summary line per window
     * reports the repeats. {@link Duration#ZERO} logs every refusal in full. Default: the first
     * policy's {@code cors.log-window}, else 60 seconds.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder refusalLogWindow(Duration window) {
      if (window.isNegative()) {
        throw new IllegalArgumentException("refusal log window " + window + " is negative");
      }
      this.logWindow = window;
      return this;
    }

    /** The clock of the refusal log's windows, for tests. */
    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalStateException when no policy was added
     */
    public CorsEngine build() {
      if (policies.isEmpty()) {
        throw new IllegalStateException("a CorsEngine needs at least one policy");
      }
      return new CorsEngine(this);
    }
  }
}
