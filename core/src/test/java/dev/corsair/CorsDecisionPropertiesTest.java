package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random policies and requests, an allowed decision's headers pass the Fetch standard's CORS
 * and preflight checks, a refused one's never do, and the verdict matches a reference matcher.
 */
class CorsDecisionPropertiesTest {

  static final List<String> ORIGIN_ENTRIES =
      List.of(
          "https://app.example.com",
          "http://localhost:5173",
          "https://*.example.org",
          "http://localhost:*",
          "null",
          "https://a.example.net:8443");
  static final List<String> REQUEST_ORIGINS =
      List.of(
          "https://app.example.com",
          "https://APP.example.com",
          "http://app.example.com",
          "https://app.example.com:443",
          "http://localhost:5173",
          "http://localhost",
          "http://localhost:3000",
          "http://127.0.0.1:5173",
          "https://x.example.org",
          "https://x.y.example.org",
          "https://example.org",
          "https://evilexample.org",
          "https://a.example.net:8443",
          "https://a.example.net",
          "null",
          "https://app.example.com/",
          "https://app.example.com, http://localhost:5173",
          "not an origin");
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "patch", "PROPFIND", "QUERY");
  static final List<String> HEADERS =
      List.of("Content-Type", "Authorization", "X-Requested-With", "X-Api-Key", "If-Match");

  record Policy(
      List<String> origins,
      List<String> methods,
      List<String> headers,
      boolean credentials,
      boolean pna) {}

  record Request(
      String origin, boolean preflight, String method, List<String> headers, boolean pna) {}

  @Provide
  Arbitrary<Policy> policies() {
    Arbitrary<List<String>> origins =
        Arbitraries.of(ORIGIN_ENTRIES).list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    Arbitrary<List<String>> methods =
        Arbitraries.oneOf(
            Arbitraries.of(List.of("PUT", "PATCH", "DELETE", "PROPFIND"))
                .list()
                .ofMaxSize(3)
                .uniqueElements(),
            Arbitraries.just(List.of("*")));
    Arbitrary<List<String>> headers =
        Arbitraries.oneOf(
            Arbitraries.of(HEADERS).list().ofMaxSize(3).uniqueElements(),
            Arbitraries.just(List.of("*")));
    return Combinators.combine(
            origins, methods, headers, Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as(Policy::new)
        .filter(p -> !(p.credentials && p.origins.contains("null")));
  }

  @Provide
  Arbitrary<Request> requests() {
    return Combinators.combine(
            Arbitraries.of(REQUEST_ORIGINS),
            Arbitraries.of(true, false),
            Arbitraries.of(METHODS),
            Arbitraries.of(HEADERS).map(h -> h.toLowerCase()).list().ofMaxSize(3).uniqueElements(),
            Arbitraries.of(true, false))
        .as(Request::new);
  }

  @Property(tries = 3000)
  void allowedDecisionsPassTheFetchChecksAndRefusedOnesNever(
      @ForAll("policies") Policy p, @ForAll("requests") Request r) {
    CorsPolicy policy =
        CorsPolicy.builder()
            .allowedOrigins(p.origins)
            .allowedMethods(p.methods.toArray(String[]::new))
            .allowedHeaders(p.headers.toArray(String[]::new))
            .allowCredentials(p.credentials)
            .allowPrivateNetwork(p.pna)
            .build();
    CorsEngine engine =
        CorsEngine.builder().policy(policy).logRejectionsAt(System.Logger.Level.TRACE).build();
    String acrh = r.headers.isEmpty() ? null : String.join(",", r.headers);
    CorsDecision d =
        r.preflight
            ? engine.decide("OPTIONS", "/x", r.origin, r.method, acrh, r.pna ? "true" : null)
            : engine.decide(r.method, "/x", r.origin, null, null, null);
    Map<String, String> headers = new LinkedHashMap<>();
    d.writeHeaders(headers::put);
    boolean originOk = referenceAllows(p, r.origin);
    if (r.preflight) {
      boolean methodOk =
          r.method.equals("GET")
              || r.method.equals("HEAD")
              || r.method.equals("POST")
              || p.methods.contains(r.method)
              || (p.methods.contains("*"));
      boolean headersOk =
          p.headers.contains("*")
              || r.headers.stream().allMatch(h -> p.headers.stream().anyMatch(h::equalsIgnoreCase));
      boolean pnaOk = !r.pna || p.pna;
      boolean expected = originOk && methodOk && headersOk && pnaOk;
      assertThat(d.kind())
          .isEqualTo(
              expected
                  ? CorsDecision.Kind.PREFLIGHT_ALLOWED
                  : CorsDecision.Kind.PREFLIGHT_REJECTED);
      boolean passes =
          FetchChecks.preflightCheck(
              r.origin, p.credentials, d.status(), headers, r.method, r.headers, r.pna);
      assertThat(passes).as("Fetch preflight check on %s", d).isEqualTo(expected);
      if (!expected) {
        assertThat(d.status()).isEqualTo(403);
        assertThat(headers).isEmpty();
      }
    } else {
      assertThat(d.kind())
          .isEqualTo(originOk ? CorsDecision.Kind.ALLOWED : CorsDecision.Kind.DISALLOWED);
      assertThat(FetchChecks.corsCheck(r.origin, p.credentials, headers))
          .as("Fetch CORS check on %s", d)
          .isEqualTo(originOk);
      assertThat(headers.keySet())
          .allMatch(
              h ->
                  h.equals("Access-Control-Allow-Origin")
                      || h.equals("Access-Control-Allow-Credentials")
                      || h.equals("Access-Control-Expose-Headers"));
    }
    if (p.credentials) {
      assertThat(headers.values()).doesNotContain("*");
    }
  }

  private static final Pattern SERIALIZED =
      Pattern.compile("[a-z][a-z0-9+.-]*://[a-z0-9.-]+(:[1-9][0-9]{0,4})?");

  /** An independent, regex-based reading of the origin rules of README.md's settings table. */
  static boolean referenceAllows(Policy p, String origin) {
    List<Pattern> patterns = new ArrayList<>();
    for (String e : p.origins) {
      if (e.equals("null")) {
        if (origin.equals("null")) return true;
        continue;
      }
      String re = Pattern.quote(e);
      re =
          re.replace("://*.", "://\\E[a-z0-9-]+(\\.[a-z0-9-]+)*\\.\\Q")
              .replace(":*\\E", "\\E(:[0-9]+)?");
      patterns.add(Pattern.compile(re));
    }
    if (!SERIALIZED.matcher(origin).matches()) {
      return false;
    }
    return patterns.stream().anyMatch(x -> x.matcher(origin).matches());
  }
}
