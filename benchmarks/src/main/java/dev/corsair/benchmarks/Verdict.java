package dev.corsair.benchmarks;

/**
 * Whether a filter's output is right for a scenario: the checks a browser applies, plus that a
 * preflight never reaches the application. A filter that gets a scenario wrong is reported, not
 * timed. A difference that a browser does not see (for example a disallowed request answered 403
 * instead of reaching the application) is a note, not a failure.
 */
public final class Verdict {
  static final String ACAO = "Access-Control-Allow-Origin";
  static final String ACAC = "Access-Control-Allow-Credentials";
  static final String ACAM = "Access-Control-Allow-Methods";
  static final String ACAH = "Access-Control-Allow-Headers";
  static final String PREFIX = "Access-Control-";

  /** Null when right, else what is wrong. */
  final String problem;

  /** What differs from corsair's contract without being wrong for a browser, or null. */
  final String note;

  private Verdict(String problem, String note) {
    this.problem = problem;
    this.note = note;
  }

  boolean ok() {
    return problem == null;
  }

  static Verdict wrong(String problem) {
    return new Verdict(problem, null);
  }

  @Override
  public String toString() {
    if (problem != null) {
      return "WRONG: " + problem;
    }
    return note == null ? "ok" : "ok (" + note + ")";
  }

  /** Checks what a filter did with scenario {@code s}. */
  static Verdict check(Scenario s, Observed o) {
    String acao = o.header(ACAO);
    if (o.count(ACAO) > 1) {
      return wrong("Access-Control-Allow-Origin sent " + o.count(ACAO) + " times");
    }
    switch (s) {
      case A_NO_ORIGIN:
        if (!o.reachedApp()) {
          return wrong("did not reach the application");
        }
        if (acao != null || o.header(ACAC) != null) {
          return wrong("CORS headers on a request without Origin");
        }
        return new Verdict(null, null);
      case B_ALLOWED:
      case F_THOUSAND_ORIGINS:
        if (!o.reachedApp()) {
          return wrong("did not reach the application");
        }
        return allowed(s, o, acao);
      case C_DISALLOWED:
        if (acao != null) {
          return wrong("allowed a disallowed origin (" + acao + ")");
        }
        return new Verdict(
            null, o.reachedApp() ? null : "answers " + o.status() + ", app not reached");
      case D_PREFLIGHT:
        if (o.reachedApp()) {
          return wrong("the preflight reached the application");
        }
        Verdict d = allowed(s, o, acao);
        if (!d.ok()) {
          return d;
        }
        if (!lists(o.header(ACAM), "PUT", false)) {
          return wrong("Access-Control-Allow-Methods '" + o.header(ACAM) + "' lacks PUT");
        }
        for (String h : s.requestHeaders.split(",")) {
          if (!lists(o.header(ACAH), h, true)) {
            return wrong("Access-Control-Allow-Headers '" + o.header(ACAH) + "' lacks " + h);
          }
        }
        return d;
      case E_PREFLIGHT_DISALLOWED:
        if (acao != null) {
          return wrong("allowed a preflight from a disallowed origin");
        }
        if (o.reachedApp()) {
          return new Verdict(null, "preflight passed to the application");
        }
        return new Verdict(null, null);
      default: // G_HOSTILE_HEADERS
        if (o.reachedApp()) {
          return wrong("the preflight reached the application");
        }
        if (acao == null) {
          return new Verdict(null, "rejected, " + o.status());
        }
        Verdict g = allowed(s, o, acao);
        if (!g.ok()) {
          return g;
        }
        if (o.header(ACAH) != null && !lists(o.header(ACAH), "a", true)) {
          return wrong("allowed, but Access-Control-Allow-Headers lacks a");
        }
        return new Verdict(null, "allowed, " + o.status());
    }
  }

  private static Verdict allowed(Scenario s, Observed o, String acao) {
    if (!s.origin.equals(acao)) {
      return wrong(
          "Access-Control-Allow-Origin is " + (acao == null ? "absent" : "'" + acao + "'"));
    }
    if (!"true".equals(o.header(ACAC))) {
      return wrong("no Access-Control-Allow-Credentials: true");
    }
    if (s.isPreflight() && (o.status() < 200 || o.status() > 299)) {
      return wrong("preflight answered " + o.status());
    }
    return new Verdict(null, null);
  }

  /** Whether the comma-separated {@code list} names {@code item} (or is {@code *}). */
  static boolean lists(String list, String item, boolean ignoreCase) {
    if (list == null) {
      return false;
    }
    for (String part : list.split(",")) {
      String t = part.trim();
      if (ignoreCase ? t.equalsIgnoreCase(item) : t.equals(item)) {
        return true;
      }
    }
    return false;
  }
}
