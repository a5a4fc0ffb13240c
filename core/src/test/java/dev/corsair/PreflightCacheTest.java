package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kept preflight answer is reused only for the very request fields it answered: a second
 * preflight that differs in any of them (even in a header list of the same length) is decided
 * afresh, exactly as an engine without the cache decides it.
 */
class PreflightCacheTest {
  private static final String APP = "https://app.example.com";
  private static final String OTHER = "https://other.example.com";

  private static CorsEngine engine() {
    return CorsEngine.of(
        CorsPolicy.builder()
            .allowedOrigins(APP, OTHER)
            .allowedMethods("GET", "PUT")
            .allowedHeaders("x-a", "content-type")
            .allowPrivateNetwork(true)
            .build());
  }

  private static CorsDecision preflight(
      CorsEngine e, String origin, String method, String headers, String pna) {
    return e.decide("OPTIONS", "/", origin, method, headers, pna);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "same request|" + APP + "|PUT|x-a|-|" + APP + "|PUT|x-a|-",
        "header of the same length, not allowed|" + APP + "|PUT|x-a|-|" + APP + "|PUT|x-b|-",
        "header list with other case|" + APP + "|PUT|x-a|-|" + APP + "|PUT|X-A|-",
        "no header list after one|" + APP + "|PUT|x-a|-|" + APP + "|PUT|-|-",
        "method of the same length, not allowed|" + APP + "|PUT|x-a|-|" + APP + "|PUX|x-a|-",
        "method in other case|" + APP + "|PUT|x-a|-|" + APP + "|put|x-a|-",
        "other allowed origin|" + APP + "|PUT|x-a|-|" + OTHER + "|PUT|x-a|-",
        "refused origin|" + APP + "|PUT|x-a|-|https://evil.example.com|PUT|x-a|-",
        "private network asked after none|" + APP + "|PUT|x-a|-|" + APP + "|PUT|x-a|true",
        "private network no longer asked|" + APP + "|PUT|x-a|true|" + APP + "|PUT|x-a|-",
        "malformed list of the same length|" + APP + "|PUT|x-a|-|" + APP + "|PUT|x a|-",
      })
  void aKeptAnswerServesOnlyTheRequestItAnswered(
      String name,
      String origin1,
      String method1,
      String headers1,
      String pna1,
      String origin2,
      String method2,
      String headers2,
      String pna2) {
    CorsEngine warm = engine();
    preflight(warm, origin1, method1, headers1, pna1);
    CorsDecision reused = preflight(warm, origin2, method2, headers2, pna2);
    CorsDecision fresh = preflight(engine(), origin2, method2, headers2, pna2);
    assertThat(reused.toString()).isEqualTo(fresh.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "header list|PUT|x-a,content-type|-",
        "no header list|GET|-|-",
        "private network|PUT|x-a|true",
      })
  void aRepeatedAllowedPreflightIsAnsweredWithTheKeptDecision(
      String name, String method, String headers, String pna) {
    CorsEngine e = engine();
    CorsDecision first = preflight(e, APP, method, headers, pna);
    assertThat(first.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT_ALLOWED);
    // Fresh strings, as a server reads them from each request.
    assertThat(preflight(e, new String(APP), new String(method), copy(headers), copy(pna)))
        .isSameAs(first);
  }

  @org.junit.jupiter.api.Test
  void aRefusedPreflightIsNeverKept() {
    CorsEngine e = engine();
    CorsDecision first = preflight(e, APP, "PUT", "x-b", null);
    assertThat(first.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT_REJECTED);
    assertThat(preflight(e, APP, "PUT", "x-b", null)).isNotSameAs(first);
  }

  @org.junit.jupiter.api.Test
  void aLongOriginUnderAStarPolicyIsNotKept() {
    CorsEngine e =
        CorsEngine.of(
            CorsPolicy.builder().allowedOrigins("*").allowedMethods("GET", "PUT").build());
    String origin = "https://" + "a".repeat(PreflightCache.MAX_KEY_LENGTH) + ".example";
    CorsDecision first = preflight(e, origin, "PUT", null, null);
    assertThat(first.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT_ALLOWED);
    assertThat(preflight(e, origin, "PUT", null, null)).isNotSameAs(first);
    CorsDecision shortOne = preflight(e, APP, "PUT", null, null);
    assertThat(preflight(e, APP, "PUT", null, null)).isSameAs(shortOne);
  }

  private static String copy(String s) {
    return s == null ? null : new String(s);
  }
}
