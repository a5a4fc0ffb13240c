package dev.corsair;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides every request against an ordered list of policies (the first whose paths match wins),
 * logs each rejection with its reason, and optionally evaluates report-only candidate policies
 * beside the enforced ones. Immutable and thread-safe; front ends share one.
 */
public final class CorsEngine {
  private static final System.Logger LOG = System.getLogger("dev.corsair");

  private final CorsPolicy[] policies;
  private final CorsPolicy[] reportOnly;
  private final Level rejectionLevel;

  private CorsEngine(Builder b) {
    this.policies = b.policies.toArray(new CorsPolicy[0]);
    this.reportOnly = b.reportOnly.toArray(new CorsPolicy[0]);
    this.rejectionLevel = b.rejectionLevel;
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
   * Decides one request.
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
  public CorsDecision decide(
      String method,
      String path,
      String origin,
      String requestMethod,
      String requestHeaders,
      String requestPrivateNetwork) {
    String p = path == null || path.isEmpty() ? "/" : path;
    CorsPolicy policy = find(policies, p);
    CorsDecision d =
        policy == null
            ? CorsDecision.NO_POLICY
            : policy.evaluate(method, origin, requestMethod, requestHeaders, requestPrivateNetwork);
    if (d.rejection() != null && LOG.isLoggable(rejectionLevel)) {
      log("", method, p, d);
    }
    if (reportOnly.length > 0 && origin != null) {
      CorsPolicy candidate = find(reportOnly, p);
      if (candidate != null) {
        CorsDecision c =
            candidate.evaluate(
                method, origin, requestMethod, requestHeaders, requestPrivateNetwork);
        if (c.rejection() != null && d.rejection() == null && LOG.isLoggable(Level.WARNING)) {
          log("report-only: ", method, p, c);
        }
      }
    }
    return d;
  }

  private void log(String prefix, String method, String path, CorsDecision d) {
    Rejection r = d.rejection();
    Level level = prefix.isEmpty() ? rejectionLevel : Level.WARNING;
    LOG.log(
        level,
        prefix
            + "CORS "
            + (d.isPreflight()
                ? "preflight rejected"
                : d.kind() == CorsDecision.Kind.DISALLOWED ? "origin refused" : "would be refused")
            + " reason="
            + r.reason()
            + " method="
            + Text.quote(method)
            + " path="
            + Text.quote(path)
            + ": "
            + r.message());
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
    private Level rejectionLevel = Level.INFO;

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
     * The level at which rejections are logged to the {@code dev.corsair} logger (default INFO).
     */
    public Builder logRejectionsAt(Level level) {
      this.rejectionLevel = Objects.requireNonNull(level, "level");
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
