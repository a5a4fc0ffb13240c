package dev.corsair.benchmarks;

/**
 * The seven requests of the benchmark (issue 9, items a to g), with what a correct CORS filter must
 * do with each under {@link BenchPolicy}.
 */
public enum Scenario {
  /** (a) A request without {@code Origin}. */
  A_NO_ORIGIN("GET", null, null, null, false),
  /** (b) An allowed actual request. */
  B_ALLOWED("GET", BenchPolicy.APP, null, null, false),
  /** (c) A disallowed actual request. */
  C_DISALLOWED("GET", BenchPolicy.EVIL, null, null, false),
  /** (d) An allowed preflight with two requested headers. */
  D_PREFLIGHT("OPTIONS", BenchPolicy.APP, "PUT", "content-type,x-requested-with", false),
  /** (e) A preflight from a disallowed origin. */
  E_PREFLIGHT_DISALLOWED("OPTIONS", BenchPolicy.EVIL, "PUT", "content-type", false),
  /** (f) An allowed request against a policy of 1,000 exact origins, matching the last. */
  F_THOUSAND_ORIGINS("GET", BenchPolicy.lastOfThousand(), null, null, true),
  /**
   * (g) A preflight whose {@code Access-Control-Request-Headers} is 100 KB of {@code a,a,a,...}.
   */
  G_HOSTILE_HEADERS("OPTIONS", BenchPolicy.APP, "PUT", hostileList(), false);

  /** The request path (the same for all). */
  public static final String PATH = "/api/items";

  final String method;
  final String origin;
  final String requestMethod;
  final String requestHeaders;
  final boolean thousandOrigins;

  Scenario(
      String method,
      String origin,
      String requestMethod,
      String requestHeaders,
      boolean thousandOrigins) {
    this.method = method;
    this.origin = origin;
    this.requestMethod = requestMethod;
    this.requestHeaders = requestHeaders;
    this.thousandOrigins = thousandOrigins;
  }

  /** The letter used in the issue and the tables. */
  public String letter() {
    return name().substring(0, 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** A short description for the tables. */
  public String label() {
    switch (this) {
      case A_NO_ORIGIN:
        return "no Origin";
      case B_ALLOWED:
        return "allowed actual";
      case C_DISALLOWED:
        return "disallowed actual";
      case D_PREFLIGHT:
        return "allowed preflight, 2 headers";
      case E_PREFLIGHT_DISALLOWED:
        return "preflight, disallowed origin";
      case F_THOUSAND_ORIGINS:
        return "allowed, 1,000 origins";
      default:
        return "preflight, 100 KB header list";
    }
  }

  boolean isPreflight() {
    return requestMethod != null;
  }

  /** The allowed origins of the policy this scenario runs against. */
  java.util.List<String> origins() {
    return thousandOrigins ? BenchPolicy.THOUSAND_ORIGINS : BenchPolicy.ORIGINS;
  }

  /** {@code a,a,a,...}: 102,400 characters, 51,200 elements. */
  private static String hostileList() {
    StringBuilder b = new StringBuilder(100 * 1024);
    while (b.length() < 100 * 1024) {
      b.append("a,");
    }
    b.setLength(100 * 1024 - 1);
    return b.toString();
  }
}
