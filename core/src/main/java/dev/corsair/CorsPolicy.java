package dev.corsair;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One validated CORS policy: which origins may call which paths, with which methods and headers,
 * compiled for fast decisions. Immutable and thread-safe. Build one with {@link #builder()}, {@link
 * #fromProperties} or {@link #fromEnvironment}; every problem is reported together in a {@link
 * CorsConfigException}.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.builder()
 *     .allowedOrigins("https://app.example.com", "http://localhost:5173")
 *     .allowCredentials(true)
 *     .build();
 * }</pre>
 */
public final class CorsPolicy {
  private static final System.Logger LOG = System.getLogger("dev.corsair");

  private final ValidSettings settings;
  private final boolean anyOrigin;
  private final Map<String, CorsDecision> exactOrigins = new HashMap<>();
  private final OriginRule[] patterns;
  private final boolean anyMethod;
  private final Set<String> methods;
  private final boolean anyHeader;
  private final HeaderNameSet headers;
  private final PathPattern[] paths;

  // The header values every decision of this policy shares.
  private final String exposeHeaders;
  private final String maxAge;
  private final String actualVary;
  private final String preflightVary;

  // Decisions built once: no Origin, '*', 'null' (when allowed).
  private final CorsDecision notCors;
  private final CorsDecision anyOriginActual;
  private final CorsDecision nullOriginActual;

  // The last refused origin's decisions (see refuseOrigin).
  private CorsDecision lastRefusedActual;
  private CorsDecision lastRefusedPreflight;

  // The allowed preflights answered last (see evaluatePreflight).
  private final PreflightCache preflights = new PreflightCache();

  private CorsPolicy(ValidSettings v) {
    this.settings = v;
    this.anyOrigin = has(v, OriginRule.Kind.ANY);
    this.patterns =
        v.origins().stream()
            .filter(r -> r.kind == OriginRule.Kind.PATTERN)
            .toArray(OriginRule[]::new);
    this.anyMethod = v.methods().contains("*");
    this.methods = Set.copyOf(v.methods());
    this.anyHeader = v.headers().contains("*");
    this.headers = new HeaderNameSet(v.headers());
    this.paths = v.paths().toArray(new PathPattern[0]);
    this.exposeHeaders = v.exposed().isEmpty() ? null : String.join(", ", v.exposed());
    this.maxAge = v.maxAge() == null ? null : String.valueOf(v.maxAge());

    boolean wildcard = anyOrigin && !v.credentials();
    this.actualVary = wildcard ? null : CorsHeaders.ORIGIN;
    String pv = CorsHeaders.REQUEST_METHOD + ", " + CorsHeaders.REQUEST_HEADERS;
    if (v.privateNetwork()) {
      pv += ", " + CorsHeaders.REQUEST_PRIVATE_NETWORK;
    }
    this.preflightVary = wildcard ? pv : CorsHeaders.ORIGIN + ", " + pv;

    this.notCors = CorsDecision.notCors(this);
    this.anyOriginActual = wildcard ? CorsDecision.allowed(this, "*") : null;
    this.nullOriginActual =
        has(v, OriginRule.Kind.NULL) ? CorsDecision.allowed(this, "null") : null;
    for (OriginRule r : v.origins()) {
      if (r.kind == OriginRule.Kind.EXACT) {
        exactOrigins.put(r.normalized, CorsDecision.allowed(this, r.normalized));
      }
    }
  }

  private static boolean has(ValidSettings v, OriginRule.Kind kind) {
    return v.origins().stream().anyMatch(r -> r.kind == kind);
  }

  /**
   * A new builder; {@code allowedOrigins} is required, everything else has the documented default.
   */
  public static Builder builder() {
    return new Builder(false);
  }

  /**
   * The property key of every setting of README.md's settings table, in its order ({@code
   * cors.allowed-origins}, ..., {@code cors.log-level}): for front ends that read the settings from
   * their framework's own configuration and pass them to {@link #fromProperties}.
   */
  public static List<String> settingKeys() {
    return SETTING_KEYS;
  }

  private static final List<String> SETTING_KEYS =
      Arrays.stream(Setting.values()).map(s -> s.property).toList();

  /**
   * A policy from properties named as the settings table of README.md says ({@code
   * cors.allowed-origins}, ...). Other keys are ignored; an unknown {@code cors.*} key is an error.
   *
   * @throws CorsConfigException listing every problem
   */
  public static CorsPolicy fromProperties(Properties properties) {
    Builder b = new Builder(false);
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith("cors.")) {
        b.set(key, properties.getProperty(key));
      }
    }
    return b.build();
  }

  /**
   * A policy from environment variables named as the settings table of README.md says ({@code
   * CORS_ALLOWED_ORIGINS}, ...). Other variables are ignored; an unknown {@code CORS_*} variable is
   * a warning.
   *
   * @throws CorsConfigException listing every problem
   */
  public static CorsPolicy fromEnvironment(Map<String, String> environment) {
    Builder b = new Builder(true);
    for (String key : new TreeSet<>(environment.keySet())) {
      if (!key.startsWith("CORS_")) {
        continue;
      }
      if (Setting.named(key) != null) {
        b.set(key, environment.get(key));
      } else {
        Setting near = Setting.closest(key);
        b.draft.warnings.add(
            key
                + ": unknown variable, ignored"
                + (near == null ? "" : "; did you mean " + near.env + "?"));
      }
    }
    return b.build();
  }

  /** Warnings found at build time (also logged): valid, but probably not what was meant. */
  public List<String> warnings() {
    return settings.warnings();
  }

  /**
   * The allowed-origin entries, normalised ({@code https://App.Example.com:443} becomes {@code
   * https://app.example.com}).
   */
  public List<String> allowedOrigins() {
    return settings.origins().stream().map(r -> r.normalized).toList();
  }

  public List<String> allowedMethods() {
    return settings.methods();
  }

  public List<String> allowedHeaders() {
    return settings.headers();
  }

  public List<String> exposedHeaders() {
    return settings.exposed();
  }

  public boolean allowsCredentials() {
    return settings.credentials();
  }

  public boolean allowsPrivateNetwork() {
    return settings.privateNetwork();
  }

  /**
   * The preflight cache lifetime in seconds, or null when no {@code Access-Control-Max-Age} is
   * sent.
   */
  public Integer maxAgeSeconds() {
    return settings.maxAge();
  }

  public int preflightStatus() {
    return settings.preflightStatus();
  }

  public List<String> paths() {
    return settings.paths().stream().map(p -> p.source).toList();
  }

  /** Whether the policy answers every origin with {@code *} (any origin, no credentials). */
  public boolean allowsAnyOrigin() {
    return anyOrigin;
  }

  /** Whether this policy covers {@code path} (the raw request path, case-sensitive). */
  public boolean covers(String path) {
    for (PathPattern p : paths) {
      if (p.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /** The policy as settings, in the property-key spelling. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("CorsPolicy{");
    b.append("allowed-origins=").append(String.join(",", allowedOrigins()));
    if (settings.originPredicate() != null) b.append("+predicate");
    b.append(", allowed-methods=").append(String.join(",", allowedMethods()));
    b.append(", allowed-headers=").append(String.join(",", allowedHeaders()));
    if (exposeHeaders != null) b.append(", exposed-headers=").append(exposeHeaders);
    b.append(", allow-credentials=").append(allowsCredentials());
    if (maxAge != null) b.append(", max-age=").append(maxAge);
    if (allowsPrivateNetwork()) b.append(", allow-private-network=true");
    b.append(", preflight-status=").append(preflightStatus());
    b.append(", paths=").append(String.join(",", paths()));
    return b.append('}').toString();
  }

  // ------------------------------------------- what decisions and log lines read

  String settingName(Setting s) {
    return settings.names().get(s);
  }

  List<OriginRule> originRules() {
    return settings.origins();
  }

  /** The refusal log window this policy's settings ask for ({@code cors.log-window}), or null. */
  Duration refusalLogWindow() {
    return settings.logWindow();
  }

  /** The refusal log level this policy's settings ask for ({@code cors.log-level}), or null. */
  Level refusalLogLevel() {
    return settings.logLevel();
  }

  /** {@code Access-Control-Expose-Headers} of an allowed actual request, or null. */
  String exposeHeaders() {
    return exposeHeaders;
  }

  /** {@code Access-Control-Max-Age} of an allowed preflight, or null. */
  String maxAge() {
    return maxAge;
  }

  /** The {@code Vary} names of an actual request (null when the answer is {@code *}). */
  String actualVary() {
    return actualVary;
  }

  /** The {@code Vary} names of a preflight answer. */
  String preflightVary() {
    return preflightVary;
  }

  // ---------------------------------------------------------------- the decision

  /** Decides a request already known to be under this policy. See {@link CorsEngine#decide}. */
  CorsDecision evaluate(
      String method,
      String origin,
      String requestMethod,
      String requestHeaders,
      String requestPrivateNetwork) {
    if (origin == null) {
      return notCors;
    }
    boolean preflight = requestMethod != null && "OPTIONS".equals(method);
    CorsDecision originDecision = matchOrigin(origin);
    if (originDecision == null) {
      return refuseOrigin(origin, preflight);
    }
    if (!preflight) {
      return originDecision;
    }
    return evaluatePreflight(
        originDecision.allowOrigin(), origin, requestMethod, requestHeaders, requestPrivateNetwork);
  }

  /**
   * The actual-request decision for an allowed {@code origin}, or null when it is not allowed:
   * allocation-free for exact origins and {@code *}, and for a refused origin when the policy has
   * no pattern and no predicate (nothing is parsed then).
   */
  private CorsDecision matchOrigin(String origin) {
    if (anyOriginActual != null) {
      return anyOriginActual;
    }
    CorsDecision exact = exactOrigins.get(origin);
    if (exact != null) {
      return exact;
    }
    if (origin.equals("null")) {
      return nullOriginActual;
    }
    Predicate<String> predicate = settings.originPredicate();
    if (patterns.length == 0 && predicate == null) {
      return null;
    }
    Origin parsed = Origin.parse(origin);
    if (parsed == null) {
      return null;
    }
    for (OriginRule p : patterns) {
      if (p.matches(parsed)) {
        return CorsDecision.allowed(this, origin);
      }
    }
    if (predicate != null && predicate.test(origin)) {
      return CorsDecision.allowed(this, origin);
    }
    return null;
  }

  /**
   * The decision for a refused origin. The last one of each kind is kept, so a client repeating a
   * refused origin (a bot, a misconfigured page) costs no allocation: decisions are immutable, and
   * a racing request at worst builds its own.
   */
  private CorsDecision refuseOrigin(String origin, boolean preflight) {
    CorsDecision last = preflight ? lastRefusedPreflight : lastRefusedActual;
    if (last != null && last.rejection().origin().equals(origin)) {
      return last;
    }
    Rejection r = new Rejection(refusal(origin), origin, null, this);
    if (preflight) {
      return lastRefusedPreflight = CorsDecision.preflightRejected(this, r);
    }
    return lastRefusedActual = CorsDecision.disallowed(this, r);
  }

  /** Why an origin that {@link #matchOrigin} refused is refused: malformed or not allowed. */
  private static Rejection.Reason refusal(String origin) {
    return origin.equals("null") || Origin.isValid(origin)
        ? Rejection.Reason.ORIGIN_NOT_ALLOWED
        : Rejection.Reason.ORIGIN_MALFORMED;
  }

  private CorsDecision evaluatePreflight(
      String allowOrigin,
      String origin,
      String method,
      String requestHeaders,
      String privateNetworkRequest) {
    boolean pna =
        privateNetworkRequest != null && privateNetworkRequest.trim().equalsIgnoreCase("true");
    CorsDecision kept = preflights.get(origin, method, requestHeaders, pna);
    if (kept != null) {
      return kept;
    }
    if (!Text.isToken(method)) {
      return refusePreflight(Rejection.Reason.METHOD_MALFORMED, origin, null);
    }
    if (!isMethodAllowed(method)) {
      return refusePreflight(Rejection.Reason.METHOD_NOT_ALLOWED, origin, method);
    }
    String allowHeaders = null;
    if (requestHeaders != null) {
      RequestHeaderList.Result checked =
          RequestHeaderList.check(requestHeaders, anyHeader, allowsCredentials(), headers);
      if (checked.isRefused()) {
        return refusePreflight(checked.refusal(), origin, checked.detail());
      }
      allowHeaders = checked.allowHeadersFor(requestHeaders);
    }
    if (pna && !allowsPrivateNetwork()) {
      return refusePreflight(Rejection.Reason.PRIVATE_NETWORK_NOT_ALLOWED, origin, null);
    }
    CorsDecision allowed =
        CorsDecision.preflightAllowed(this, allowOrigin, method, allowHeaders, pna);
    preflights.put(origin, method, requestHeaders, pna, allowed);
    return allowed;
  }

  private CorsDecision refusePreflight(Rejection.Reason reason, String origin, String detail) {
    return CorsDecision.preflightRejected(this, new Rejection(reason, origin, detail, this));
  }

  private boolean isMethodAllowed(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
      case "POST":
        return true;
      default:
        if (anyMethod) {
          // With credentials a literal '*' in Access-Control-Allow-Methods is never sent.
          return !(allowsCredentials() && method.equals("*"))
              && !PolicyValidator.FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT));
        }
        return methods.contains(method);
    }
  }

  // ---------------------------------------------------------------- building

  /**
   * Collects settings; {@link #build()} validates all of them and reports every problem together.
   */
  public static final class Builder {
    private final boolean environmentNames;
    private final PolicyDraft draft;

    private Builder(boolean environmentNames) {
      this.environmentNames = environmentNames;
      this.draft = new PolicyDraft(environmentNames);
    }

    /**
     * Exact origins, patterns ({@code https://*.example.com}, {@code http://localhost:*}), {@code
     * *} or {@code null}.
     */
    public Builder allowedOrigins(String... origins) {
      return allowedOrigins(Arrays.asList(origins));
    }

    public Builder allowedOrigins(Collection<String> origins) {
      draft.origins = SettingText.trimmed(origins);
      return this;
    }

    /**
     * Also allows any valid origin the predicate accepts, for dynamic cases such as a tenant table.
     * The predicate sees only well-formed serialised origins, never {@code null} or malformed
     * input; it runs on requests whose origin is not in the static list, so keep it fast (cache
     * lookups).
     */
    public Builder allowOriginsMatching(Predicate<String> predicate) {
      draft.originPredicate = Objects.requireNonNull(predicate, "predicate");
      return this;
    }

    /**
     * Method tokens, compared case-sensitively, or {@code *}. GET, HEAD and POST are always
     * allowed.
     */
    public Builder allowedMethods(String... methods) {
      draft.methods = SettingText.trimmed(Arrays.asList(methods));
      return this;
    }

    /**
     * Request header names (case-insensitive) or {@code *}; none means only CORS-safelisted
     * headers.
     */
    public Builder allowedHeaders(String... headers) {
      draft.headers = SettingText.trimmed(Arrays.asList(headers));
      return this;
    }

    /** Response header names the page's JavaScript may read. */
    public Builder exposedHeaders(String... headers) {
      draft.exposed = SettingText.trimmed(Arrays.asList(headers));
      return this;
    }

    public Builder allowCredentials(boolean allow) {
      draft.credentials = allow;
      return this;
    }

    /** How long browsers may cache a preflight, 0..86400 seconds (Chromium caps it at 7200). */
    public Builder maxAge(int seconds) {
      draft.maxAge = String.valueOf(seconds);
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      long s = maxAge.getSeconds();
      return maxAge(s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s);
    }

    /** Answers {@code Access-Control-Request-Private-Network: true} (Private Network Access). */
    public Builder allowPrivateNetwork(boolean allow) {
      draft.privateNetwork = allow;
      return this;
    }

    /** 204 (default) or 200, for clients that mishandle 204. */
    public Builder preflightStatus(int status) {
      draft.preflightStatus = String.valueOf(status);
      return this;
    }

    /**
     * Path patterns this policy covers: {@code /api/**}, {@code /public/*}, {@code /exact}. Default
     * {@code /**}.
     */
    public Builder paths(String... paths) {
      draft.paths = SettingText.trimmed(Arrays.asList(paths));
      return this;
    }

    /**
     * Permits subdomain patterns over public suffixes such as {@code https://*.github.io}, which
     * trust every stranger's site there. Almost never right; the name says so.
     */
    public Builder dangerouslyAllowPublicSuffixPatterns() {
      draft.allowPublicSuffixPatterns = true;
      return this;
    }

    /**
     * Sets one setting from its text form, named by its environment variable or property key
     * ({@code CORS_MAX_AGE} or {@code cors.max-age}); messages name it as given here. A bad value
     * or an unknown name is reported by {@link #build()} together with every other problem.
     */
    public Builder set(String name, String value) {
      SettingText.set(draft, name, value, environmentNames);
      return this;
    }

    /**
     * Validates every setting and builds the policy; warnings are logged at {@code WARNING}.
     *
     * @throws CorsConfigException listing every problem, each with the setting, value and fix
     */
    public CorsPolicy build() {
      CorsPolicy policy = new CorsPolicy(PolicyValidator.validate(draft));
      for (String w : policy.warnings()) {
        LOG.log(Level.WARNING, "CORS configuration: " + w);
      }
      return policy;
    }
  }
}
