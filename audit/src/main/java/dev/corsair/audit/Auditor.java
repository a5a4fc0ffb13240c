package dev.corsair.audit;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the probes against one URL and turns what the server granted into findings. Each id is
 * reported once, with the first probe that proved it; when {@code origin-reflection} holds, the
 * crafted-origin ids it implies are not probed (the one fix, an exact list, removes them all).
 */
final class Auditor {
  /** The method a preflight probe asks for: no server has a reason to allow it. */
  static final String NONSENSE_METHOD = "CORSAIRPROBE";

  /** The headers a preflight probe asks for. */
  static final List<String> NONSENSE_HEADERS = List.of("x-corsair-probe", "x-nonsense-header");

  /** Same-origin redirects of the target followed before probing. */
  static final int MAX_REDIRECTS = 3;

  private final Prober prober;
  private final List<String> notes = new ArrayList<>();

  Auditor(Prober prober) {
    this.prober = prober;
  }

  /** What an audit found. {@code url} is the URL probed (after same-origin redirects). */
  record Result(
      URI url, TrustedOrigin trusted, List<Finding> findings, int requests, List<String> notes) {}

  /**
   * Audits {@code url} against {@code trusted} (null: the URL's own origin).
   *
   * @throws IOException when the target cannot be reached
   */
  Result audit(URI url, TrustedOrigin trusted) throws IOException {
    if (trusted == null) {
      trusted = TrustedOrigin.parse(originOf(url));
    }
    List<Probe> actual = new ArrayList<>();
    Probe baseline = get(url, trusted.serialize());
    for (int hops = 0; isRedirect(baseline) && hops < MAX_REDIRECTS; hops++) {
      URI next = resolve(url, baseline.header("Location"));
      if (next == null || !originOf(next).equals(originOf(url))) {
        notes.add(
            url
                + " redirects to another origin ("
                + baseline.header("Location")
                + "); not followed: the redirect response itself was audited");
        break;
      }
      url = next;
      baseline = get(url, trusted.serialize());
    }
    actual.add(baseline);

    List<Finding> findings = new ArrayList<>();
    Probe arbitrary = get(url, TrustedOrigin.ARBITRARY);
    actual.add(arbitrary);
    if (arbitrary.grants(TrustedOrigin.ARBITRARY)) {
      findings.add(Finding.of(Misconfiguration.ORIGIN_REFLECTION, arbitrary));
    } else {
      probe(url, Misconfiguration.NULL_ORIGIN_ALLOWED, List.of("null"), actual, findings);
      probe(url, Misconfiguration.PREFIX_MATCH, single(trusted.prefixProbe()), actual, findings);
      probe(url, Misconfiguration.SUFFIX_MATCH, single(trusted.suffixProbe()), actual, findings);
      probe(url, Misconfiguration.UNESCAPED_DOT, trusted.unescapedDotProbes(), actual, findings);
      probe(
          url,
          Misconfiguration.INSECURE_ORIGIN_TRUSTED,
          single(trusted.insecureProbe()),
          actual,
          findings);
      probe(
          url,
          Misconfiguration.SPECIAL_CHARS_BYPASS,
          trusted.specialCharProbes(),
          actual,
          findings);
      probe(
          url,
          Misconfiguration.ARBITRARY_SUBDOMAIN_TRUSTED,
          single(trusted.subdomainProbe()),
          actual,
          findings);
      probe(
          url,
          Misconfiguration.THIRD_PARTY_ORIGIN_TRUSTED,
          trusted.thirdPartyProbes(),
          actual,
          findings);
    }
    Probe preflight = preflight(url);
    checkVary(actual, findings);
    checkPreflight(preflight, findings);
    List<Probe> all = new ArrayList<>(actual);
    all.add(preflight);
    checkWildcardWithCredentials(all, findings);

    findings.sort(
        Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(f -> f.misconfiguration().ordinal()));
    return new Result(url, trusted, List.copyOf(findings), prober.sent(), List.copyOf(notes));
  }

  /** Sends each origin until one is granted; that one proves {@code misconfiguration}. */
  private void probe(
      URI url,
      Misconfiguration misconfiguration,
      List<String> origins,
      List<Probe> actual,
      List<Finding> findings)
      throws IOException {
    for (String origin : origins) {
      Probe ex = get(url, origin);
      actual.add(ex);
      if (ex.grants(origin)) {
        findings.add(Finding.of(misconfiguration, ex));
        return;
      }
    }
  }

  /** {@code *} with credentials: browsers refuse it, so it is broken rather than open. */
  private static void checkWildcardWithCredentials(List<Probe> actual, List<Finding> findings) {
    for (Probe ex : actual) {
      if ("*".equals(ex.allowOrigin()) && ex.allowsCredentials()) {
        // Not raised for credentials: they are part of the definition, and browsers refuse them.
        Misconfiguration c = Misconfiguration.WILDCARD_WITH_CREDENTIALS;
        findings.add(new Finding(c, c.base(), ex.origin(), ex));
        return;
      }
    }
  }

  /**
   * When Access-Control-Allow-Origin takes different values for different probes, a response that
   * names one origin must say {@code Vary: Origin}, or a cache serves it to the others.
   */
  private static void checkVary(List<Probe> actual, List<Finding> findings) {
    Set<String> values = new HashSet<>();
    for (Probe ex : actual) {
      values.add(String.valueOf(ex.allowOrigin()));
    }
    if (values.size() < 2) {
      return;
    }
    for (Probe ex : actual) {
      String acao = ex.allowOrigin();
      if (acao != null && !acao.equals("*") && !ex.variesOnOrigin()) {
        findings.add(Finding.of(Misconfiguration.MISSING_VARY_ORIGIN, ex));
        return;
      }
    }
  }

  /** A preflight from an untrusted origin asking a method and headers no one allows. */
  private Probe preflight(URI url) throws IOException {
    return prober.send(
        "OPTIONS",
        url,
        List.of(
            Map.entry("Origin", TrustedOrigin.ARBITRARY),
            Map.entry("Access-Control-Request-Method", NONSENSE_METHOD),
            Map.entry("Access-Control-Request-Headers", String.join(",", NONSENSE_HEADERS))));
  }

  /**
   * Granting the nonsense preflight (the origin echoed, the method and headers echoed or
   * wildcarded) means nothing is checked. {@code *} alone, to any origin, is a public API.
   */
  private static void checkPreflight(Probe ex, List<Finding> findings) {
    if (ex.status() < 200 || ex.status() > 299 || !ex.grants(TrustedOrigin.ARBITRARY)) {
      return;
    }
    boolean wildcardWorks = !ex.allowsCredentials();
    Set<String> methods = tokens(ex.header("Access-Control-Allow-Methods"), false);
    Set<String> headers = tokens(ex.header("Access-Control-Allow-Headers"), true);
    boolean method = methods.contains(NONSENSE_METHOD) || (wildcardWorks && methods.contains("*"));
    boolean allHeaders =
        headers.containsAll(NONSENSE_HEADERS) || (wildcardWorks && headers.contains("*"));
    if (method && allHeaders) {
      findings.add(Finding.of(Misconfiguration.PREFLIGHT_REFLECTS_EVERYTHING, ex));
    }
  }

  private static Set<String> tokens(String list, boolean lowerCase) {
    Set<String> out = new HashSet<>();
    if (list != null) {
      for (String t : list.split(",")) {
        String s = t.trim();
        if (!s.isEmpty()) {
          out.add(lowerCase ? s.toLowerCase(Locale.ROOT) : s);
        }
      }
    }
    return out;
  }

  private Probe get(URI url, String origin) throws IOException {
    return prober.send("GET", url, List.of(Map.entry("Origin", origin)));
  }

  private static boolean isRedirect(Probe ex) {
    int s = ex.status();
    return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308)
        && ex.header("Location") != null;
  }

  /** The absolute URL a Location names, or null when it is not a valid http(s) reference. */
  private static URI resolve(URI base, String location) {
    try {
      String path = base.getRawPath();
      URI next =
          (path == null || path.isEmpty() ? base.resolve("/") : base).resolve(location.trim());
      String scheme = next.getScheme();
      return next.getRawAuthority() != null
              && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          ? next
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> single(String origin) {
    return origin == null ? List.of() : List.of(origin);
  }

  /** {@code scheme://authority} of a URL. */
  static String originOf(URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
  }
}
