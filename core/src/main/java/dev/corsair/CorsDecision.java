package dev.corsair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with one request: pass it on untouched, answer a preflight, or add CORS headers to the
 * application's response. Immutable; decisions for allowed exact origins are precomputed.
 *
 * <p>Front ends: a {@linkplain #isPreflight() preflight} is answered by {@link #answerPreflight}
 * and never reaches the application. Otherwise the application is called, and its response,
 * whatever its status, gets {@link #applyTo} before it commits; a front end that intercepts the
 * application's header calls drops those {@link #overrides} names and sends {@link #mergeVary} for
 * its {@code Vary}.
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

  private static final byte[] EMPTY = new byte[0];
  private static final String CONTENT_TYPE = "Content-Type";
  private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  static final CorsDecision NO_POLICY =
      new CorsDecision(Kind.NO_POLICY, null, null, null, null, null, false);

  private final Kind kind;
  private final CorsPolicy policy;
  private final Rejection rejection;
  private final int status;
  private final String allowOrigin;
  private final boolean credentials;
  private final String allowMethods;
  private final String allowHeaders;
  private final String maxAge;
  private final boolean privateNetwork;
  private final String exposeHeaders;
  private final String vary;

  /** Everything else follows from the kind and the policy; see the factories below. */
  private CorsDecision(
      Kind kind,
      CorsPolicy policy,
      Rejection rejection,
      String allowOrigin,
      String allowMethods,
      String allowHeaders,
      boolean privateNetwork) {
    boolean preflight = kind == Kind.PREFLIGHT_ALLOWED || kind == Kind.PREFLIGHT_REJECTED;
    this.kind = kind;
    this.policy = policy;
    this.rejection = rejection;
    this.status =
        kind == Kind.PREFLIGHT_ALLOWED
            ? policy.preflightStatus()
            : kind == Kind.PREFLIGHT_REJECTED ? 403 : 0;
    this.allowOrigin = allowOrigin;
    this.credentials = allowOrigin != null && policy.allowsCredentials();
    this.allowMethods = allowMethods;
    this.allowHeaders = allowHeaders;
    this.maxAge = kind == Kind.PREFLIGHT_ALLOWED ? policy.maxAge() : null;
    this.privateNetwork = privateNetwork;
    this.exposeHeaders = kind == Kind.ALLOWED ? policy.exposeHeaders() : null;
    this.vary = policy == null ? null : preflight ? policy.preflightVary() : policy.actualVary();
  }

  /** A request under {@code policy} without {@code Origin}: only {@code Vary} applies. */
  static CorsDecision notCors(CorsPolicy policy) {
    return new CorsDecision(Kind.NOT_CORS, policy, null, null, null, null, false);
  }

  /** An actual request from an allowed origin, answered with {@code allowOrigin}. */
  static CorsDecision allowed(CorsPolicy policy, String allowOrigin) {
    return new CorsDecision(Kind.ALLOWED, policy, null, allowOrigin, null, null, false);
  }

  /** An actual request from an origin {@code policy} refuses. */
  static CorsDecision disallowed(CorsPolicy policy, Rejection rejection) {
    return new CorsDecision(Kind.DISALLOWED, policy, rejection, null, null, null, false);
  }

  /**
   * A preflight that passed every check: allows {@code method}, {@code allowHeaders} (null when
   * none were requested) and, when asked, private network access.
   */
  static CorsDecision preflightAllowed(
      CorsPolicy policy,
      String allowOrigin,
      String method,
      String allowHeaders,
      boolean privateNetwork) {
    return new CorsDecision(
        Kind.PREFLIGHT_ALLOWED, policy, null, allowOrigin, method, allowHeaders, privateNetwork);
  }

  /** A preflight that failed a check: 403 and no allow header. */
  static CorsDecision preflightRejected(CorsPolicy policy, Rejection rejection) {
    return new CorsDecision(Kind.PREFLIGHT_REJECTED, policy, rejection, null, null, null, false);
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
  String body() {
    return rejection == null || kind != Kind.PREFLIGHT_REJECTED ? "" : rejection.clientMessage();
  }

  /** Whether the request was refused (an actual request from a refused origin, or a preflight). */
  public boolean isRefused() {
    return kind == Kind.DISALLOWED || kind == Kind.PREFLIGHT_REJECTED;
  }

  /** Why the request was refused, or null. */
  public Rejection rejection() {
    return rejection;
  }

  /** The policy that covers the request, or null. */
  public CorsPolicy policy() {
    return policy;
  }

  /** The {@code Vary} field names this response depends on; null when none. */
  String vary() {
    return vary;
  }

  /** The {@code Access-Control-Allow-Origin} value, or null when none is sent. */
  public String allowOrigin() {
    return allowOrigin;
  }

  /** Writes this decision's {@code Access-Control-*} response headers (not {@code Vary}). */
  void writeHeaders(HeaderWriter out) {
    setHeaders(new Written(out));
  }

  /**
   * Sets this decision's {@code Access-Control-*} response headers (not {@code Vary}), in this
   * order. Straight-line code and no method reference capturing the response, so that a front end's
   * per-request response object stays eligible for scalar replacement.
   */
  private void setHeaders(CorsResponse response) {
    if (allowOrigin == null) {
      return;
    }
    response.setHeader(CorsHeaders.ALLOW_ORIGIN, allowOrigin);
    if (credentials) {
      response.setHeader(CorsHeaders.ALLOW_CREDENTIALS, "true");
    }
    if (allowMethods != null) {
      response.setHeader(CorsHeaders.ALLOW_METHODS, allowMethods);
    }
    if (allowHeaders != null) {
      response.setHeader(CorsHeaders.ALLOW_HEADERS, allowHeaders);
    }
    if (maxAge != null) {
      response.setHeader(CorsHeaders.MAX_AGE, maxAge);
    }
    if (privateNetwork) {
      response.setHeader(CorsHeaders.ALLOW_PRIVATE_NETWORK, "true");
    }
    if (exposeHeaders != null) {
      response.setHeader(CorsHeaders.EXPOSE_HEADERS, exposeHeaders);
    }
  }

  /**
   * Puts this decision on an actual request's response: removes every {@code Access-Control-*}
   * response header the application set that this decision does not send, sets the decision's own,
   * and merges its {@code Vary} names into the response's. Does nothing when no policy covers the
   * request. Idempotent: call it again before the response commits (for example after the
   * application ran) to fix what the application set.
   */
  public void applyTo(CorsResponse response) {
    if (kind == Kind.NO_POLICY) {
      return;
    }
    removeForeign(response);
    setHeaders(response);
    if (vary != null) {
      String existing = response.header(CorsHeaders.VARY);
      String merged = Vary.merge(existing, vary);
      if (merged != existing) {
        response.setHeader(CorsHeaders.VARY, merged);
      }
    }
  }

  /**
   * Answers a preflight completely: the allow headers (none when rejected), {@code Vary}, a {@code
   * text/plain} body saying which check failed when rejected, and the status, through {@link
   * CorsResponse#send}.
   *
   * @throws IllegalStateException when this decision is not a {@linkplain #isPreflight() preflight}
   */
  public void answerPreflight(CorsResponse response) throws IOException {
    if (!isPreflight()) {
      throw new IllegalStateException("not a preflight: " + kind);
    }
    setHeaders(response);
    response.setHeader(CorsHeaders.VARY, vary);
    byte[] body = rejection == null ? EMPTY : rejection.clientBody();
    if (body.length > 0) {
      response.setHeader(CONTENT_TYPE, TEXT_PLAIN);
    }
    response.send(status, body);
  }

  /**
   * Whether the front end must drop an application's response header named {@code name}: a CORS
   * response header ({@code Access-Control-Allow-*}, {@code -Expose-Headers}, {@code -Max-Age})
   * while a policy covers the request, since the policy alone decides those.
   */
  public boolean overrides(String responseHeaderName) {
    return kind != Kind.NO_POLICY
        && responseHeaderName != null
        && CorsHeaders.isCorsResponseHeader(responseHeaderName);
  }

  /**
   * The {@code Vary} to send when the application sets {@code applicationVary}: its field names,
   * each once, followed by this decision's that it lacks (a {@code *} stays {@code *}); {@code
   * applicationVary} itself when that changes nothing.
   */
  public String mergeVary(String applicationVary) {
    return Vary.merge(Vary.distinct(applicationVary), vary);
  }

  private void removeForeign(CorsResponse response) {
    List<String> foreign = null;
    for (String name : response.headerNames()) {
      if (name != null && CorsHeaders.isCorsResponseHeader(name) && !sends(name)) {
        if (foreign == null) {
          foreign = new ArrayList<>(2);
        }
        foreign.add(name);
      }
    }
    if (foreign != null) {
      for (String name : foreign) {
        response.removeHeader(name);
      }
    }
  }

  /** Whether this decision sets the response header {@code name} itself (so it is replaced). */
  private boolean sends(String name) {
    boolean[] found = {false};
    writeHeaders((n, v) -> found[0] |= n.equalsIgnoreCase(name));
    return found[0];
  }

  /** The headers {@link #setHeaders} sets, handed to a {@link HeaderWriter}. */
  private record Written(HeaderWriter out) implements CorsResponse {
    @Override
    public void setHeader(String name, String value) {
      out.set(name, value);
    }

    @Override
    public String header(String name) {
      return null;
    }

    @Override
    public void removeHeader(String name) {}

    @Override
    public Iterable<String> headerNames() {
      return List.of();
    }

    @Override
    public void send(int status, byte[] body) {
      throw new UnsupportedOperationException("send");
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
