package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CorsEngineTest {
  private final List<String> logged = new ArrayList<>();
  private final Logger jul = Logger.getLogger("dev.corsair");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLog() {
    jul.addHandler(capture);
  }

  @AfterEach
  void release() {
    jul.removeHandler(capture);
  }

  static CorsEngine engine(String... origins) {
    return CorsEngine.of(CorsPolicy.builder().allowedOrigins(origins).build());
  }

  /** refused origin, allowed origins, the suggestion's fragment. */
  static Stream<Arguments> suggestions() {
    return Stream.of(
        Arguments.of(
            "http://127.0.0.1:5173",
            "http://localhost:5173",
            "the allowed origin http://localhost:5173 differs only in host"),
        Arguments.of(
            "http://localhost:5174",
            "http://localhost:5173",
            "differs only in port (5174 vs 5173)"),
        Arguments.of(
            "http://app.example.com",
            "https://app.example.com",
            "differs only in scheme (http vs https)"),
        Arguments.of(
            "https://www.example.com", "https://example.com", "differs only in the www. prefix"),
        Arguments.of(
            "https://example.com",
            "https://*.example.com",
            "matches subdomains only; add https://example.com"),
        Arguments.of(
            "https://app.example.com/",
            "https://app.example.com",
            "without its path, it is the allowed origin https://app.example.com"),
        Arguments.of("null", "https://app.example.com", "opaque origin"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suggestions")
  void rejectionSuggestsTheCloseAllowedOrigin(String origin, String allowed, String fragment) {
    CorsDecision d = engine(allowed).decide("GET", "/", origin, null, null, null);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.DISALLOWED);
    assertThat(d.rejection().message()).contains(fragment);
    assertThat(logged)
        .anySatisfy(
            l -> assertThat(l).startsWith("INFO").contains("reason=ORIGIN_").contains(fragment));
  }

  @Test
  void unrelatedOriginGetsNoSuggestion() {
    CorsDecision d =
        engine("https://app.example.com")
            .decide("GET", "/", "https://evil.example.net", null, null, null);
    assertThat(d.rejection().suggestion()).isNull();
    assertThat(d.rejection().message()).isEqualTo("origin https://evil.example.net is not allowed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://evil.example.net|PUT||CORS preflight rejected: origin not allowed",
        "https://app.example.com|PROPFIND||CORS preflight rejected: method not allowed",
        "https://app.example.com|PUT|x-secret|CORS preflight rejected: header x-secret not allowed",
        "https://app.example.com|PU T||CORS preflight rejected: method malformed",
        "https://app.example.com|PUT|a b|CORS preflight rejected: header list malformed",
      })
  void rejectedPreflightBodySaysWhichCheckFailedAndNothingElse(
      String origin, String method, String headers, String body) {
    CorsDecision d =
        engine("https://app.example.com").decide("OPTIONS", "/", origin, method, headers, null);
    assertThat(d.status()).isEqualTo(403);
    assertThat(d.body()).isEqualTo(body + "\n");
    assertThat(d.body()).doesNotContain("app.example.com");
  }

  @Test
  void headerNamedStarWithCredentialsIsRefusedWithoutSuggestingToAddIt() {
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder()
                .allowedOrigins("https://app.example.com")
                .allowedHeaders("*")
                .allowCredentials(true)
                .build());
    CorsDecision d = e.decide("OPTIONS", "/", "https://app.example.com", "PUT", "x-a,*", null);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT_REJECTED);
    assertThat(d.rejection().message())
        .contains("header * ")
        .contains("never echoed")
        .doesNotContain("add it");
  }

  @Test
  void reportOnlyLogsWhatTheCandidateWouldRefuseWithoutEnforcingIt() {
    CorsEngine e =
        CorsEngine.builder()
            .policy(
                CorsPolicy.builder()
                    .allowedOrigins("https://app.example.com", "https://old.example.com")
                    .build())
            .reportOnly(CorsPolicy.builder().allowedOrigins("https://app.example.com").build())
            .build();
    CorsDecision d = e.decide("GET", "/", "https://old.example.com", null, null, null);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.ALLOWED);
    assertThat(logged)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("WARNING report-only:")
                    .contains("https://old.example.com"));
    logged.clear();
    e.decide("GET", "/", "https://app.example.com", null, null, null);
    assertThat(logged).isEmpty();
  }

  @Test
  void firstMatchingPolicyWins() {
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder()
                .allowedOrigins("https://admin.example.com")
                .paths("/admin/**")
                .build(),
            CorsPolicy.builder().allowedOrigins("*").build());
    assertThat(e.decide("GET", "/admin/users", "https://evil.example.net", null, null, null).kind())
        .isEqualTo(CorsDecision.Kind.DISALLOWED);
    assertThat(
            e.decide("GET", "/public", "https://evil.example.net", null, null, null).allowOrigin())
        .isEqualTo("*");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"/api/items, true", "/api/a/b, true", "/other, false", "/apiary, false", "/, false"})
  void coversIsWherePoliciesDecide(String path, boolean covered) {
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder()
                .allowedOrigins("https://app.example.com")
                .paths("/api/**")
                .build());
    assertThat(e.covers(path)).isEqualTo(covered);
    assertThat(
            e.decide("OPTIONS", path, "https://app.example.com", "PUT", null, null).isPreflight())
        .isEqualTo(covered);
  }

  @Test
  void anEmptyPathIsTheRootPath() {
    CorsEngine e = CorsEngine.of(CorsPolicy.builder().allowedOrigins("*").paths("/").build());
    assertThat(e.covers("")).isTrue();
    assertThat(e.covers(null)).isTrue();
    assertThat(e.covers("/a")).isFalse();
  }

  @Test
  void allowedActualDecisionForAnExactOriginIsPrecomputed() {
    CorsEngine e = engine("https://app.example.com");
    CorsDecision a = e.decide("GET", "/", new String("https://app.example.com"), null, null, null);
    CorsDecision b =
        e.decide("POST", "/x", new String("https://app.example.com"), null, null, null);
    assertThat(a).isSameAs(b);
  }

  @Test
  void cleanRequestHeaderListIsEchoedAsIs() {
    String acrh = "content-type,x-one";
    CorsDecision d =
        CorsEngine.of(
                CorsPolicy.builder()
                    .allowedOrigins("https://a.example.com")
                    .allowedHeaders("*")
                    .build())
            .decide("OPTIONS", "/", "https://a.example.com", "PUT", acrh, null);
    Map<String, String> h = new LinkedHashMap<>();
    d.writeHeaders(h::put);
    assertThat(h.get("Access-Control-Allow-Headers")).isSameAs(acrh);
  }

  @Test
  void requestHeaderListIsBoundedInElements() {
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder()
                .allowedOrigins("https://a.example.com")
                .allowedHeaders("*")
                .build());
    String ok =
        String.join(",", java.util.Collections.nCopies(RequestHeaderList.MAX_ELEMENTS, "x"));
    assertThat(e.decide("OPTIONS", "/", "https://a.example.com", "PUT", ok, null).kind())
        .isEqualTo(CorsDecision.Kind.PREFLIGHT_ALLOWED);
    assertThat(
            e.decide("OPTIONS", "/", "https://a.example.com", "PUT", ok + ",x", null)
                .rejection()
                .reason())
        .isEqualTo(Rejection.Reason.HEADERS_MALFORMED);
  }

  @Test
  void predicateSeesOnlyWellFormedOrigins() {
    List<String> seen = new ArrayList<>();
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder()
                .allowedOrigins("https://static.example.com")
                .allowOriginsMatching(
                    o -> {
                      seen.add(o);
                      return o.equals("https://tenant1.example.net");
                    })
                .build());
    assertThat(e.decide("GET", "/", "https://tenant1.example.net", null, null, null).allowOrigin())
        .isEqualTo("https://tenant1.example.net");
    e.decide("GET", "/", "https://x.example.net/ bad", null, null, null);
    e.decide("GET", "/", "null", null, null, null);
    assertThat(seen).containsExactly("https://tenant1.example.net");
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "|Origin|Origin",
        "Accept-Encoding|Origin|Accept-Encoding, Origin",
        "origin, Accept|Origin|origin, Accept",
        "*|Origin|*",
        "Accept|Origin, Access-Control-Request-Method|Accept, Origin, Access-Control-Request-Method",
      })
  void varyIsMergedWithoutDuplicates(String existing, String add, String merged) {
    assertThat(Vary.merge(existing, add)).isEqualTo(merged);
  }

  @Test
  void engineNeedsAPolicy() {
    assertThatThrownBy(() -> CorsEngine.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }
}
