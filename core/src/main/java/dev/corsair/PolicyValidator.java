package dev.corsair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a {@link PolicyDraft} against the rules of a valid policy, collecting every problem (each
 * naming the setting as written, the value and the fix) and every warning. One rule, one message,
 * one place.
 */
final class PolicyValidator {
  static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");
  private static final Set<String> NORMALIZED_METHODS =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");
  private static final String MAX_AGE_RANGE = "use 0 to 86400 seconds (Chromium caps it at 7200)";

  private final PolicyDraft d;
  private final List<CorsConfigException.Problem> problems;
  private final List<String> warnings;

  private PolicyValidator(PolicyDraft d) {
    this.d = d;
    this.problems = new ArrayList<>(d.problems);
    this.warnings = new ArrayList<>(d.warnings);
  }

  /**
   * The valid settings of {@code draft}.
   *
   * @throws CorsConfigException listing every problem, with the warnings found beside them
   */
  static ValidSettings validate(PolicyDraft draft) {
    return new PolicyValidator(draft).run();
  }

  private ValidSettings run() {
    List<OriginRule> origins = origins();
    List<String> methods = methods();
    List<String> headers = names(Setting.ALLOWED_HEADERS, d.headers);
    List<String> exposed = names(Setting.EXPOSED_HEADERS, d.exposed);
    if (d.credentials && exposed.contains("*")) {
      problem(
          Setting.EXPOSED_HEADERS,
          String.join(",", d.exposed),
          "'*' together with credentials: browsers take it as a header literally named '*'; list"
              + " the header names to expose");
    }
    Integer maxAge = maxAge();
    int preflightStatus = preflightStatus();
    List<PathPattern> paths = paths();
    Duration logWindow = logWindow();
    System.Logger.Level logLevel = logLevel();
    if (!problems.isEmpty()) {
      throw new CorsConfigException(problems, warnings);
    }
    return new ValidSettings(
        List.copyOf(origins),
        d.originPredicate,
        methods,
        headers,
        exposed,
        d.credentials,
        maxAge,
        d.privateNetwork,
        preflightStatus,
        List.copyOf(paths),
        logWindow,
        logLevel,
        List.copyOf(warnings),
        new EnumMap<>(d.names));
  }

  private List<OriginRule> origins() {
    List<OriginRule> rules = new ArrayList<>();
    if (d.origins == null || (d.origins.isEmpty() && d.originPredicate == null)) {
      problems.add(
          new CorsConfigException.Problem(
              d.name(Setting.ALLOWED_ORIGINS),
              d.origins == null ? null : "",
              (d.origins == null ? "is required" : "is empty")
                  + "; list the origins allowed to call this API, e.g."
                  + " 'https://app.example.com,http://localhost:5173'"));
      return rules;
    }
    Set<String> seen = new HashSet<>();
    String credentialsOn = d.name(Setting.ALLOW_CREDENTIALS) + "=true";
    for (String raw : d.origins) {
      OriginRule r;
      try {
        r = OriginRule.parse(raw, d.allowPublicSuffixPatterns);
      } catch (OriginRule.Invalid e) {
        problem(Setting.ALLOWED_ORIGINS, raw, e.getMessage());
        continue;
      }
      if (seen.add(r.normalized)) {
        rules.add(r);
      }
      if (d.credentials && r.kind == OriginRule.Kind.ANY) {
        problem(
            Setting.ALLOWED_ORIGINS,
            raw,
            "'*' together with "
                + credentialsOn
                + ": browsers reject 'Access-Control-Allow-Origin: *' on credentialed requests;"
                + " list the origins instead, e.g. 'https://app.example.com'");
      } else if (d.credentials && r.kind == OriginRule.Kind.NULL) {
        problem(
            Setting.ALLOWED_ORIGINS,
            raw,
            "'null' together with "
                + credentialsOn
                + ": any sandboxed iframe or file: page on any site sends 'Origin: null'; remove"
                + " 'null' or turn credentials off");
      } else if (d.credentials && "http".equals(r.scheme) && !r.isLoopback()) {
        warn(
            Setting.ALLOWED_ORIGINS,
            "'"
                + r.normalized
                + "' is plain http with credentials; anyone on the network path can act as it."
                + " Use https://");
      }
    }
    return rules;
  }

  private List<String> methods() {
    Set<String> ok = new LinkedHashSet<>();
    for (String m : d.methods) {
      if (m.equals("*")) {
        ok.add(m);
        continue;
      }
      if (!Text.isToken(m)) {
        problem(
            Setting.ALLOWED_METHODS,
            m,
            Text.quote(m)
                + " is not an HTTP method token; use names such as GET, PUT, DELETE, or '*'");
        continue;
      }
      String upper = m.toUpperCase(Locale.ROOT);
      if (FORBIDDEN_METHODS.contains(upper)) {
        problem(
            Setting.ALLOWED_METHODS,
            m,
            Text.quote(m)
                + " is a forbidden method: browsers never send it cross-origin; remove it");
        continue;
      }
      if (!m.equals(upper) && (upper.equals("PATCH") || NORMALIZED_METHODS.contains(upper))) {
        warn(
            Setting.ALLOWED_METHODS,
            "'"
                + m
                + "' is lower case; methods are case-sensitive and browsers send '"
                + upper
                + "'"
                + (upper.equals("PATCH")
                    ? " (they do not upper-case patch: fetch must say 'PATCH')"
                    : ""));
      }
      ok.add(m);
    }
    return List.copyOf(ok);
  }

  /** Header names (or {@code *}), deduplicated case-insensitively. */
  private List<String> names(Setting s, List<String> names) {
    List<String> ok = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String h : names) {
      if (!h.equals("*") && !Text.isToken(h)) {
        problem(
            s,
            h,
            Text.quote(h)
                + " is not a header name (an HTTP token); use names such as Content-Type,"
                + " Authorization, or '*'");
      } else if (seen.add(h.toLowerCase(Locale.ROOT))) {
        ok.add(h);
      }
    }
    return List.copyOf(ok);
  }

  private Integer maxAge() {
    if (d.maxAge == null) {
      return null;
    }
    int seconds;
    try {
      seconds = Integer.parseInt(d.maxAge);
    } catch (NumberFormatException e) {
      problem(
          Setting.MAX_AGE,
          d.maxAge,
          Text.quote(d.maxAge)
              + " is not a whole number of seconds; use 0 to 86400, e.g. 600 (Chromium caps it at"
              + " 7200)");
      return null;
    }
    if (seconds < 0 || seconds > 86400) {
      problem(
          Setting.MAX_AGE, d.maxAge, Text.quote(d.maxAge) + " is out of range; " + MAX_AGE_RANGE);
      return null;
    }
    if (seconds > 7200) {
      warn(
          Setting.MAX_AGE,
          seconds
              + " seconds exceeds Chromium's cap of 7200; Chromium will cache preflights for 2"
              + " hours only");
    }
    return seconds;
  }

  private int preflightStatus() {
    String v = d.preflightStatus;
    try {
      int status = Integer.parseInt(v);
      if (status == 200 || status == 204) {
        return status;
      }
    } catch (NumberFormatException e) {
      // reported below, with any other value that is not 200 or 204
    }
    problem(
        Setting.PREFLIGHT_STATUS,
        v,
        Text.quote(v) + " is not a preflight status; use 204 (the default) or 200");
    return 204;
  }

  private Duration logWindow() {
    String v = d.logWindow;
    if (v == null) {
      return null;
    }
    try {
      int seconds = Integer.parseInt(v);
      if (seconds >= 0 && seconds <= 86400) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(
        Setting.LOG_WINDOW,
        v,
        Text.quote(v)
            + " is not a refusal log window; use whole seconds from 0 (log every refusal in full)"
            + " to 86400, e.g. 60 (the default)");
    return null;
  }

  private System.Logger.Level logLevel() {
    String v = d.logLevel;
    if (v == null) {
      return null;
    }
    for (System.Logger.Level l : LOG_LEVELS) {
      if (l.name().equalsIgnoreCase(v)) {
        return l;
      }
    }
    problem(
        Setting.LOG_LEVEL,
        v,
        Text.quote(v)
            + " is not a log level; use off, error, warning, info (the default), debug or trace");
    return null;
  }

  private static final List<System.Logger.Level> LOG_LEVELS =
      List.of(
          System.Logger.Level.OFF,
          System.Logger.Level.ERROR,
          System.Logger.Level.WARNING,
          System.Logger.Level.INFO,
          System.Logger.Level.DEBUG,
          System.Logger.Level.TRACE);

  private List<PathPattern> paths() {
    List<PathPattern> out = new ArrayList<>();
    if (d.paths.isEmpty()) {
      problems.add(
          new CorsConfigException.Problem(
              d.name(Setting.PATHS),
              "",
              "is empty; list path patterns such as '/api/**', or leave it unset for '/**'"));
    }
    for (String p : d.paths) {
      PathPattern pp = PathPattern.parse(p);
      if (pp == null) {
        problem(
            Setting.PATHS, p, Text.quote(p) + " does not start with '/'; write e.g. '/" + p + "'");
      } else {
        out.add(pp);
      }
    }
    return out;
  }

  /** A problem with {@code value} of setting {@code s}; {@code message} is the whole sentence. */
  private void problem(Setting s, String value, String message) {
    problems.add(new CorsConfigException.Problem(d.name(s), value, message));
  }

  private void warn(Setting s, String message) {
    warnings.add(d.name(s) + ": " + message);
  }
}
