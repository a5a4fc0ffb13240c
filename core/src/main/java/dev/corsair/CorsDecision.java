package dev.corsair;

/**
 * What to do with one request: pass it on untouched, answer a preflight, or add CORS headers to the
 * application's response. Immutable; decisions for allowed exact origins are precomputed.
 *
 * <p>Front ends: for a {@linkplain #isPreflight() preflight} answer with {@link #status()}, {@link
 * #writeHeaders}, {@link #vary()} and {@link #body()}, and never call the application. Otherwise
 * call the application and make sure its response, whatever its status, carries {@link
 * #writeHeaders} and {@link #vary()} merged with its own {@code Vary}.
 */
public final class CorsDecision {

  /** The kinds of outcome. */
  public enum Kind {
    /** No policy covers the request's path: leave it alone. */
    NO_POLICY,
    /** Under a policy but without {@code Origin}: only {@code Vary} applies. */
    NOT_CORS,
    /** A preflight that passed every check: answer it with the allow headers. */
    PREFLIGHT_ALLOWED,
    /** A preflight that failed a check: answer 403. */
    PREFLIGHT_REJECTED,
    /** An actual request from an allowed origin. */
    ALLOWED,
    /** An actual request from an origin that is not allowed: pass it on without CORS headers. */
    DISALLOWED
  }

  static final CorsDecision NO_POLICY =
      new CorsDecision(
          Kind.NO_POLICY, 0, null, false, null, null, null, false, null, null, null, null);

  private final Kind kind;
  private final int status;
  private final String allowOrigin;
  private final boolean credentials;
  private final String allowMethods;
  private final String allowHeaders;
  private final String maxAge;
  private final boolean privateNetwork;
  private final String exposeHeaders;
  private final String vary;
  private final Rejection rejection;
  private final CorsPolicy policy;

  CorsDecision(
      Kind kind,
      int status,
      String allowOrigin,
      boolean credentials,
      String allowMethods,
      String allowHeaders,
      String maxAge,
      boolean privateNetwork,
      String exposeHeaders,
      String vary,
      Rejection rejection,
      CorsPolicy policy) {
    this.kind = kind;
    this.status = status;
    this.allowOrigin = allowOrigin;
    this.credentials = credentials;
    this.allowMethods = allowMethods;
    this.allowHeaders = allowHeaders;
    this.maxAge = maxAge;
    this.privateNetwork = privateNetwork;
    this.exposeHeaders = exposeHeaders;
    this.vary = vary;
    this.rejection = rejection;
    this.policy = policy;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether corsair answers this request itself (an allowed or rejected preflight). */
  public boolean isPreflight() {
    return kind == Kind.PREFLIGHT_ALLOWED || kind == Kind.PREFLIGHT_REJECTED;
  }

  /** Whether a policy covers the request, so that {@code Vary} and the CORS headers apply. */
  public boolean isCovered() {
    return kind != Kind.NO_POLICY;
  }

  /** Whether the origin (and for a preflight, every check) passed. */
  public boolean isAllowed() {
    return kind == Kind.ALLOWED || kind == Kind.PREFLIGHT_ALLOWED;
  }

  /** The status of a preflight answer (204, 200 or 403); 0 for other requests. */
  public int status() {
    return status;
  }

  /**
   * The body of a preflight answer: empty when allowed, a short {@code text/plain} reason when
   * rejected.
   */
  public String body() {
    return rejection == null || kind != Kind.PREFLIGHT_REJECTED ? "" : rejection.clientMessage();
  }

  /** Why the request was refused, or null. */
  public Rejection rejection() {
    return rejection;
  }

  /** The policy that covers the request, or null. */
  public CorsPolicy policy() {
    return policy;
  }

  /**
   * The {@code Vary} field names this response depends on, to merge (see {@link Vary#merge}) with
   * the application's own; null when none.
   */
  public String vary() {
    return vary;
  }

  /** The {@code Access-Control-Allow-Origin} value, or null when none is sent. */
  public String allowOrigin() {
    return allowOrigin;
  }

  /** Writes this decision's {@code Access-Control-*} response headers (not {@code Vary}). */
  public void writeHeaders(HeaderWriter out) {
    if (allowOrigin == null) {
      return;
    }
    out.set(CorsHeaders.ALLOW_ORIGIN, allowOrigin);
    if (credentials) {
      out.set(CorsHeaders.ALLOW_CREDENTIALS, "true");
    }
    if (allowMethods != null) {
      out.set(CorsHeaders.ALLOW_METHODS, allowMethods);
    }
    if (allowHeaders != null) {
      out.set(CorsHeaders.ALLOW_HEADERS, allowHeaders);
    }
    if (maxAge != null) {
      out.set(CorsHeaders.MAX_AGE, maxAge);
    }
    if (privateNetwork) {
      out.set(CorsHeaders.ALLOW_PRIVATE_NETWORK, "true");
    }
    if (exposeHeaders != null) {
      out.set(CorsHeaders.EXPOSE_HEADERS, exposeHeaders);
    }
  }

  /** The kind, the headers and the reason, for logs and tests. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.name());
    if (status != 0) {
      b.append(' ').append(status);
    }
    writeHeaders((n, v) -> b.append(", ").append(n).append(": ").append(v));
    if (vary != null) {
      b.append(", Vary: ").append(vary);
    }
    if (rejection != null) {
      b.append(" (").append(rejection.reason()).append(')');
    }
    return b.toString();
  }
}
