package dev.corsair;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One validated CORS policy: which origins may call which paths, with which methods and headers.
 * Immutable and thread-safe. Build one with {@link #builder()}, {@link #fromProperties} or {@link
 * #fromEnvironment}; every problem is reported together in a {@link CorsConfigException}.
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

  /** At most this many elements of {@code Access-Control-Request-Headers} are examined. */
  static final int MAX_REQUEST_HEADERS = 128;

  static final List<String> DEFAULT_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  static final List<String> DEFAULT_HEADERS = List.of("Content-Type");
  private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");
  private static final Set<String> NORMALIZED_METHODS =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");

  private final List<OriginRule> originRules;
  private final boolean anyOrigin;
  private final boolean allowNull;
  private final boolean credentials;
  private final Map<String, CorsDecision> exactOrigins;
  private final OriginRule[] patterns;
  private final Predicate<String> originPredicate;
  private final boolean anyMethod;
  private final Set<String> methods;
  private final List<String> methodList;
  private final boolean anyHeader;
  private final HeaderNameSet headers;
  private final List<String> headerList;
  private final String exposeHeaders;
  private final List<String> exposedList;
  private final Integer maxAgeSeconds;
  private final String maxAge;
  private final boolean privateNetwork;
  private final int preflightStatus;
  private final PathPattern[] paths;
  private final List<String> warnings;
  private final Map<Setting, String> names;

  private final String actualVary;
  private final String preflightVary;
  private final CorsDecision notCors;
  private final CorsDecision anyOriginActual;
  private final CorsDecision nullOriginActual;

  private CorsPolicy(Builder b, Validated v) {
    this.originRules = List.copyOf(v.rules);
    this.anyOrigin = v.rules.stream().anyMatch(r -> r.kind == OriginRule.Kind.ANY);
    this.allowNull = v.rules.stream().anyMatch(r -> r.kind == OriginRule.Kind.NULL);
    this.credentials = b.credentials;
    this.originPredicate = b.originPredicate;
    this.patterns =
        v.rules.stream().filter(r -> r.kind == OriginRule.Kind.PATTERN).toArray(OriginRule[]::new);
    this.anyMethod = v.methods.contains("*");
    this.methods = Set.copyOf(v.methods);
    this.methodList = List.copyOf(v.methods);
    this.anyHeader = v.headers.contains("*");
    this.headers = new HeaderNameSet(v.headers);
    this.headerList = List.copyOf(v.headers);
    this.exposedList = List.copyOf(v.exposed);
    this.exposeHeaders = v.exposed.isEmpty() ? null : String.join(", ", v.exposed);
    this.maxAgeSeconds = b.maxAge;
    this.maxAge = b.maxAge == null ? null : String.valueOf(b.maxAge);
    this.privateNetwork = b.privateNetwork;
    this.preflightStatus = b.preflightStatus;
    this.paths = v.paths.toArray(new PathPattern[0]);
    this.warnings = List.copyOf(v.warnings);
    this.names = new EnumMap<>(b.names);

    boolean wildcard = anyOrigin && !credentials;
    this.actualVary = wildcard ? null : CorsHeaders.ORIGIN;
    String pv = CorsHeaders.REQUEST_METHOD + ", " + CorsHeaders.REQUEST_HEADERS;
    if (privateNetwork) {
      pv += ", " + CorsHeaders.REQUEST_PRIVATE_NETWORK;
    }
    this.preflightVary = wildcard ? pv : CorsHeaders.ORIGIN + ", " + pv;
    this.notCors = decision(CorsDecision.Kind.NOT_CORS, null, null);
    this.anyOriginActual = wildcard ? allowedActual("*") : null;
    this.nullOriginActual = allowNull ? allowedActual("null") : null;
    Map<String, CorsDecision> exact = new HashMap<>();
    for (OriginRule r : v.rules) {
      if (r.kind == OriginRule.Kind.EXACT) {
        exact.put(r.normalized, allowedActual(r.normalized));
      }
    }
    this.exactOrigins = exact;
  }

  /**
   * A new builder; {@code allowedOrigins} is required, everything else has the documented default.
   */
  public static Builder builder() {
    return new Builder(false);
  }

  /**
   * A policy from properties named as in CONTRACT section 1 ({@code cors.allowed-origins}, ...).
   * Other keys are ignored; an unknown {@code cors.*} key is an error.
   *
   * @throws CorsConfigException listing every problem
   */
  public static CorsPolicy fromProperties(Properties properties) {
    Builder b = new Builder(false);
    for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith("cors.")) {
        b.set(key, properties.getProperty(key));
      }
    }
    return b.build();
  }

  /**
   * A policy from environment variables named as in CONTRACT section 1 ({@code
   * CORS_ALLOWED_ORIGINS}, ...). Other variables are ignored; an unknown {@code CORS_*} variable is
   * a warning.
   *
   * @throws CorsConfigException listing every problem
   */
  public static CorsPolicy fromEnvironment(Map<String, String> environment) {
    Builder b = new Builder(true);
    for (String key : new java.util.TreeSet<>(environment.keySet())) {
      if (key.startsWith("CORS_")) {
        if (Setting.named(key) == null) {
          Setting near = Setting.closest(key);
          b.warnings.add(
              key
                  + ": unknown variable, ignored"
                  + (near == null ? "" : "; did you mean " + near.env + "?"));
        } else {
          b.set(key, environment.get(key));
        }
      }
    }
    return b.build();
  }

  /** Warnings found at build time (also logged): valid, but probably not what was meant. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The allowed-origin entries, normalised ({@code https://App.Example.com:443} becomes {@code
   * https://app.example.com}).
   */
  public List<String> allowedOrigins() {
    return originRules.stream().map(r -> r.normalized).toList();
  }

  public List<String> allowedMethods() {
    return methodList;
  }

  public List<String> allowedHeaders() {
    return headerList;
  }

  public List<String> exposedHeaders() {
    return exposedList;
  }

  public boolean allowsCredentials() {
    return credentials;
  }

  public boolean allowsPrivateNetwork() {
    return privateNetwork;
  }

  /**
   * The preflight cache lifetime in seconds, or null when no {@code Access-Control-Max-Age} is
   * sent.
   */
  public Integer maxAgeSeconds() {
    return maxAgeSeconds;
  }

  public int preflightStatus() {
    return preflightStatus;
  }

  public List<String> paths() {
    return Arrays.stream(paths).map(p -> p.source).toList();
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
    if (originPredicate != null) b.append("+predicate");
    b.append(", allowed-methods=").append(String.join(",", methodList));
    b.append(", allowed-headers=").append(String.join(",", headerList));
    if (exposeHeaders != null) b.append(", exposed-headers=").append(exposeHeaders);
    b.append(", allow-credentials=").append(credentials);
    if (maxAge != null) b.append(", max-age=").append(maxAge);
    if (privateNetwork) b.append(", allow-private-network=true");
    b.append(", preflight-status=").append(preflightStatus);
    b.append(", paths=").append(String.join(",", paths()));
    return b.append('}').toString();
  }

  String settingName(Setting s) {
    return names.get(s);
  }

  List<OriginRule> originRules() {
    return originRules;
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
      Rejection r = new Rejection(refusal(origin), origin, null, this);
      return preflight ? rejectPreflight(r) : decision(CorsDecision.Kind.DISALLOWED, r, null);
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
    if (patterns.length == 0 && originPredicate == null) {
      return null;
    }
    Origin parsed = Origin.parse(origin);
    if (parsed == null) {
      return null;
    }
    for (OriginRule p : patterns) {
      if (p.matches(parsed)) {
        return allowedActual(origin);
      }
    }
    if (originPredicate != null && originPredicate.test(origin)) {
      return allowedActual(origin);
    }
    return null;
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
    if (!Text.isToken(method)) {
      return rejectPreflight(new Rejection(Rejection.Reason.METHOD_MALFORMED, origin, null, this));
    }
    if (!isMethodAllowed(method)) {
      return rejectPreflight(
          new Rejection(Rejection.Reason.METHOD_NOT_ALLOWED, origin, method, this));
    }
    String allowHeaders = null;
    if (requestHeaders != null) {
      Object checked = checkRequestHeaders(origin, requestHeaders);
      if (checked instanceof Rejection) {
        return rejectPreflight((Rejection) checked);
      }
      allowHeaders = (String) checked;
    }
    boolean pna =
        privateNetworkRequest != null && privateNetworkRequest.trim().equalsIgnoreCase("true");
    if (pna && !privateNetwork) {
      return rejectPreflight(
          new Rejection(Rejection.Reason.PRIVATE_NETWORK_NOT_ALLOWED, origin, null, this));
    }
    return new CorsDecision(
        CorsDecision.Kind.PREFLIGHT_ALLOWED,
        preflightStatus,
        allowOrigin,
        credentials,
        method,
        allowHeaders,
        maxAge,
        pna,
        null,
        preflightVary,
        null,
        this);
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
          return !(credentials && method.equals("*"))
              && !FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT));
        }
        return methods.contains(method);
    }
  }

  /**
   * Checks {@code Access-Control-Request-Headers} in one bounded pass. Returns the value for {@code
   * Access-Control-Allow-Headers} (the request's own string when it is already clean, so nothing is
   * allocated), null when no names were requested, or a {@link Rejection}.
   */
  private Object checkRequestHeaders(String origin, String list) {
    int n = list.length();
    int i = 0;
    int elements = 0;
    int names = 0;
    boolean clean = true;
    while (true) {
      int comma = list.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      if (++elements > MAX_REQUEST_HEADERS) {
        return new Rejection(
            Rejection.Reason.HEADERS_MALFORMED,
            origin,
            "more than " + MAX_REQUEST_HEADERS + " elements",
            this);
      }
      int s = i;
      int e = end;
      while (s < e && isOws(list.charAt(s))) s++;
      while (e > s && isOws(list.charAt(e - 1))) e--;
      if (s == e) {
        clean = false;
      } else {
        if (!Text.isToken(list, s, e)) {
          return new Rejection(Rejection.Reason.HEADERS_MALFORMED, origin, null, this);
        }
        boolean star = e - s == 1 && list.charAt(s) == '*'; // never echoed with credentials
        if (anyHeader ? credentials && star : !headers.contains(list, s, e)) {
          return new Rejection(
              Rejection.Reason.HEADER_NOT_ALLOWED,
              origin,
              list.substring(s, e).toLowerCase(Locale.ROOT),
              this);
        }
        names++;
        if (e != end || !(s == i || (s == i + 1 && i > 0 && list.charAt(i) == ' '))) {
          clean = false;
        }
      }
      if (comma < 0) {
        break;
      }
      i = comma + 1;
    }
    if (names == 0) {
      return null;
    }
    return clean ? list : normalizeList(list);
  }

  private static String normalizeList(String list) {
    StringBuilder b = new StringBuilder(list.length());
    for (String part : list.split(",")) {
      String t = part.strip();
      if (!t.isEmpty()) {
        if (b.length() > 0) b.append(',');
        b.append(t);
      }
    }
    return b.toString();
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private CorsDecision allowedActual(String allowOrigin) {
    return new CorsDecision(
        CorsDecision.Kind.ALLOWED,
        0,
        allowOrigin,
        credentials,
        null,
        null,
        null,
        false,
        exposeHeaders,
        actualVary,
        null,
        this);
  }

  private CorsDecision decision(CorsDecision.Kind kind, Rejection rejection, String allowOrigin) {
    return new CorsDecision(
        kind, 0, allowOrigin, false, null, null, null, false, null, actualVary, rejection, this);
  }

  private CorsDecision rejectPreflight(Rejection r) {
    return new CorsDecision(
        CorsDecision.Kind.PREFLIGHT_REJECTED,
        403,
        null,
        false,
        null,
        null,
        null,
        false,
        null,
        preflightVary,
        r,
        this);
  }

  // ---------------------------------------------------------------- building

  /**
   * Collects settings; {@link #build()} validates all of them and reports every problem together.
   */
  public static final class Builder {
    private final boolean environmentNames;
    private final Map<Setting, String> names = new EnumMap<>(Setting.class);
    private final List<CorsConfigException.Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private List<String> origins;
    private Predicate<String> originPredicate;
    private List<String> methods = DEFAULT_METHODS;
    private List<String> headers = DEFAULT_HEADERS;
    private List<String> exposed = List.of();
    private boolean credentials;
    private Integer maxAge;
    private boolean privateNetwork;
    private int preflightStatus = 204;
    private List<String> paths = List.of("/**");
    private boolean allowPublicSuffixPatterns;

    private Builder(boolean environmentNames) {
      this.environmentNames = environmentNames;
      for (Setting s : Setting.values()) {
        names.put(s, environmentNames ? s.env : s.property);
      }
    }

    /**
     * Exact origins, patterns ({@code https://*.example.com}, {@code http://localhost:*}), {@code
     * *} or {@code null}.
     */
    public Builder allowedOrigins(String... origins) {
      return allowedOrigins(Arrays.asList(origins));
    }

    public Builder allowedOrigins(Collection<String> origins) {
      this.origins = trimmed(origins);
      return this;
    }

    /**
     * Also allows any valid origin the predicate accepts, for dynamic cases such as a tenant table.
     * The predicate sees only well-formed serialised origins, never {@code null} or malformed
     * input; it runs on requests whose origin is not in the static list, so keep it fast (cache
     * lookups).
     */
    public Builder allowOriginsMatching(Predicate<String> predicate) {
      this.originPredicate = Objects.requireNonNull(predicate, "predicate");
      return this;
    }

    /**
     * Method tokens, compared case-sensitively, or {@code *}. GET, HEAD and POST are always
     * allowed.
     */
    public Builder allowedMethods(String... methods) {
      this.methods = trimmed(Arrays.asList(methods));
      return this;
    }

    /**
     * Request header names (case-insensitive) or {@code *}; none means only CORS-safelisted
     * headers.
     */
    public Builder allowedHeaders(String... headers) {
      this.headers = trimmed(Arrays.asList(headers));
      return this;
    }

    /** Response header names the page's JavaScript may read. */
    public Builder exposedHeaders(String... headers) {
      this.exposed = trimmed(Arrays.asList(headers));
      return this;
    }

    public Builder allowCredentials(boolean allow) {
      this.credentials = allow;
      return this;
    }

    /** How long browsers may cache a preflight, 0..86400 seconds (Chromium caps it at 7200). */
    public Builder maxAge(int seconds) {
      this.maxAge = seconds;
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      long s = maxAge.getSeconds();
      this.maxAge = s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
      return this;
    }

    /** Answers {@code Access-Control-Request-Private-Network: true} (Private Network Access). */
    public Builder allowPrivateNetwork(boolean allow) {
      this.privateNetwork = allow;
      return this;
    }

    /** 204 (default) or 200, for clients that mishandle 204. */
    public Builder preflightStatus(int status) {
      this.preflightStatus = status;
      return this;
    }

    /**
     * Path patterns this policy covers: {@code /api/**}, {@code /public/*}, {@code /exact}. Default
     * {@code /**}.
     */
    public Builder paths(String... paths) {
      this.paths = trimmed(Arrays.asList(paths));
      return this;
    }

    /**
     * Permits subdomain patterns over public suffixes such as {@code https://*.github.io}, which
     * trust every stranger's site there. Almost never right; the name says so.
     */
    public Builder dangerouslyAllowPublicSuffixPatterns() {
      this.allowPublicSuffixPatterns = true;
      return this;
    }

    /**
     * Sets one setting from its text form, named by its environment variable or property key
     * ({@code CORS_MAX_AGE} or {@code cors.max-age}); messages name it as given here. A bad value
     * or an unknown name is reported by {@link #build()} together with every other problem.
     */
    public Builder set(String name, String value) {
      Setting s = Setting.named(name);
      String v = value == null ? "" : value.trim();
      if (s == null) {
        Setting near = Setting.closest(name);
        problems.add(
            new CorsConfigException.Problem(
                name,
                v,
                "unknown setting "
                    + Text.quote(name)
                    + (near == null
                        ? ""
                        : "; did you mean "
                            + (environmentNames || name.startsWith("CORS_")
                                ? near.env
                                : near.property)
                            + "?")));
        return this;
      }
      names.put(s, name);
      switch (s) {
        case ALLOWED_ORIGINS:
          origins = split(v);
          break;
        case ALLOWED_METHODS:
          methods = split(v);
          break;
        case ALLOWED_HEADERS:
          headers = split(v);
          break;
        case EXPOSED_HEADERS:
          exposed = split(v);
          break;
        case ALLOW_CREDENTIALS:
          credentials = parseBoolean(name, v);
          break;
        case ALLOW_PRIVATE_NETWORK:
          privateNetwork = parseBoolean(name, v);
          break;
        case MAX_AGE:
          if (v.isEmpty()) {
            maxAge = null;
          } else {
            try {
              maxAge = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              maxAge = null;
              problems.add(
                  new CorsConfigException.Problem(
                      name,
                      v,
                      Text.quote(v)
                          + " is not a whole number of seconds; use 0 to 86400, e.g. 600 (Chromium caps it at 7200)"));
            }
          }
          break;
        case PREFLIGHT_STATUS:
          try {
            preflightStatus = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            preflightStatus = -1;
          }
          if (preflightStatus != 200 && preflightStatus != 204) {
            problems.add(
                new CorsConfigException.Problem(
                    name,
                    v,
                    Text.quote(v) + " is not a preflight status; use 204 (the default) or 200"));
            preflightStatus = 204;
          }
          break;
        case PATHS:
          paths = split(v);
          break;
        default:
          throw new AssertionError(s);
      }
      return this;
    }

    private boolean parseBoolean(String name, String v) {
      if (v.equalsIgnoreCase("true")) return true;
      if (v.equalsIgnoreCase("false")) return false;
      problems.add(
          new CorsConfigException.Problem(
              name, v, Text.quote(v) + " is not a boolean; use true or false"));
      return false;
    }

    /**
     * Validates every setting and builds the policy; warnings are logged at {@code WARNING}.
     *
     * @throws CorsConfigException listing every problem, each with the setting, value and fix
     */
    public CorsPolicy build() {
      Validated v = new Validated();
      List<CorsConfigException.Problem> out = new ArrayList<>(problems);
      v.warnings.addAll(warnings);
      validateOrigins(v, out);
      validateMethods(v, out);
      v.headers.addAll(validateNames(Setting.ALLOWED_HEADERS, headers, true, out));
      v.exposed.addAll(validateNames(Setting.EXPOSED_HEADERS, exposed, true, out));
      if (credentials && v.exposed.contains("*")) {
        out.add(
            problem(
                Setting.EXPOSED_HEADERS,
                String.join(",", exposed),
                "'*' together with credentials: browsers take it as a header literally named '*'; list the header names to expose"));
      }
      if (maxAge != null) {
        if (maxAge < 0 || maxAge > 86400) {
          out.add(
              problem(
                  Setting.MAX_AGE,
                  String.valueOf(maxAge),
                  maxAge + " is out of range; use 0 to 86400 seconds (Chromium caps it at 7200)"));
        } else if (maxAge > 7200) {
          v.warnings.add(
              name(Setting.MAX_AGE)
                  + ": "
                  + maxAge
                  + " seconds exceeds Chromium's cap of 7200; Chromium will cache preflights for 2 hours only");
        }
      }
      if (preflightStatus != 200 && preflightStatus != 204) {
        out.add(
            problem(
                Setting.PREFLIGHT_STATUS,
                String.valueOf(preflightStatus),
                preflightStatus + " is not a preflight status; use 204 (the default) or 200"));
      }
      if (paths.isEmpty()) {
        out.add(
            new CorsConfigException.Problem(
                name(Setting.PATHS),
                "",
                "is empty; list path patterns such as '/api/**', or leave it unset for '/**'"));
      }
      for (String p : paths) {
        PathPattern pp = PathPattern.parse(p);
        if (pp == null) {
          out.add(
              problem(
                  Setting.PATHS,
                  p,
                  Text.quote(p) + " does not start with '/'; write e.g. '/" + p + "'"));
        } else {
          v.paths.add(pp);
        }
      }
      if (!out.isEmpty()) {
        throw new CorsConfigException(out, v.warnings);
      }
      CorsPolicy policy = new CorsPolicy(this, v);
      for (String w : policy.warnings) {
        LOG.log(Level.WARNING, "CORS configuration: " + w);
      }
      return policy;
    }

    private void validateOrigins(Validated v, List<CorsConfigException.Problem> out) {
      if (origins == null || (origins.isEmpty() && originPredicate == null)) {
        out.add(
            new CorsConfigException.Problem(
                name(Setting.ALLOWED_ORIGINS),
                origins == null ? null : "",
                (origins == null ? "is required" : "is empty")
                    + "; list the origins allowed to call this API, e.g. 'https://app.example.com,http://localhost:5173'"));
        return;
      }
      Set<String> seen = new HashSet<>();
      for (String raw : origins) {
        try {
          OriginRule r = OriginRule.parse(raw, allowPublicSuffixPatterns);
          if (seen.add(r.normalized)) {
            v.rules.add(r);
          }
          if (credentials && r.kind == OriginRule.Kind.ANY) {
            out.add(
                problem(
                    Setting.ALLOWED_ORIGINS,
                    raw,
                    "'*' together with "
                        + name(Setting.ALLOW_CREDENTIALS)
                        + "=true: browsers reject 'Access-Control-Allow-Origin: *' on credentialed requests; list the origins instead, e.g. 'https://app.example.com'"));
          } else if (credentials && r.kind == OriginRule.Kind.NULL) {
            out.add(
                problem(
                    Setting.ALLOWED_ORIGINS,
                    raw,
                    "'null' together with "
                        + name(Setting.ALLOW_CREDENTIALS)
                        + "=true: any sandboxed iframe or file: page on any site sends 'Origin: null'; remove 'null' or turn credentials off"));
          } else if (credentials
              && r.scheme != null
              && r.scheme.equals("http")
              && !r.isLoopback()) {
            v.warnings.add(
                name(Setting.ALLOWED_ORIGINS)
                    + ": '"
                    + r.normalized
                    + "' is plain http with credentials; anyone on the network path can act as it. Use https://");
          }
        } catch (OriginRule.Invalid e) {
          out.add(problem(Setting.ALLOWED_ORIGINS, raw, e.getMessage()));
        }
      }
    }

    private void validateMethods(Validated v, List<CorsConfigException.Problem> out) {
      for (String m : methods) {
        if (m.equals("*")) {
          v.methods.add(m);
          continue;
        }
        if (!Text.isToken(m)) {
          out.add(
              problem(
                  Setting.ALLOWED_METHODS,
                  m,
                  Text.quote(m)
                      + " is not an HTTP method token; use names such as GET, PUT, DELETE, or '*'"));
          continue;
        }
        String upper = m.toUpperCase(Locale.ROOT);
        if (FORBIDDEN_METHODS.contains(upper)) {
          out.add(
              problem(
                  Setting.ALLOWED_METHODS,
                  m,
                  Text.quote(m)
                      + " is a forbidden method: browsers never send it cross-origin; remove it"));
          continue;
        }
        if (!m.equals(upper) && (upper.equals("PATCH") || NORMALIZED_METHODS.contains(upper))) {
          v.warnings.add(
              name(Setting.ALLOWED_METHODS)
                  + ": '"
                  + m
                  + "' is lower case; methods are case-sensitive and browsers send '"
                  + upper
                  + "'"
                  + (upper.equals("PATCH")
                      ? " (they do not upper-case patch: fetch must say 'PATCH')"
                      : ""));
        }
        v.methods.add(m);
      }
    }

    private List<String> validateNames(
        Setting s, List<String> names, boolean allowStar, List<CorsConfigException.Problem> out) {
      List<String> ok = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String h : names) {
        if (!(allowStar && h.equals("*")) && !Text.isToken(h)) {
          out.add(
              problem(
                  s,
                  h,
                  Text.quote(h)
                      + " is not a header name (an HTTP token); use names such as Content-Type, Authorization, or '*'"));
        } else if (seen.add(h.toLowerCase(Locale.ROOT))) {
          ok.add(h);
        }
      }
      return ok;
    }

    private String name(Setting s) {
      return names.get(s);
    }

    private CorsConfigException.Problem problem(Setting s, String value, String message) {
      String q = Text.quote(value);
      String m = message.startsWith(q) || message.startsWith("'") ? message : q + " " + message;
      return new CorsConfigException.Problem(name(s), value, m);
    }

    private static List<String> trimmed(Collection<String> values) {
      List<String> out = new ArrayList<>();
      for (String v : values) {
        Objects.requireNonNull(v, "null entry");
        String t = v.trim();
        if (!t.isEmpty()) out.add(t);
      }
      return out;
    }

    private static List<String> split(String v) {
      return trimmed(Arrays.asList(v.split(",", -1)));
    }
  }

  /** What {@link Builder#build()} checked, ready for the constructor. */
  private static final class Validated {
    final List<OriginRule> rules = new ArrayList<>();
    final Set<String> methods = new LinkedHashSet<>();
    final List<String> headers = new ArrayList<>();
    final List<String> exposed = new ArrayList<>();
    final List<PathPattern> paths = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
  }
}
