package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API front ends use: {@code handle}, {@code applyTo}, {@code overrides}, {@code mergeVary}.
 */
class CorsEngineFrontEndTest {
  private static final Logger JUL = Logger.getLogger("dev.corsair");
  private static Level saved;

  private final CorsEngine engine =
      CorsEngine.of(
          CorsPolicy.builder()
              .allowedOrigins("https://app.example.com")
              .allowedHeaders("Content-Type", "X-Api-Key")
              .exposedHeaders("X-Request-Id")
              .allowCredentials(true)
              .maxAge(600)
              .paths("/api/**")
              .build());

  @BeforeAll
  static void quiet() {
    saved = JUL.getLevel();
    JUL.setLevel(Level.OFF);
  }

  @AfterAll
  static void restore() {
    JUL.setLevel(saved);
  }

  private static FakeExchange preflight(String origin, String method, String headers) {
    FakeExchange x =
        new FakeExchange("OPTIONS", "/api/items")
            .with("Origin", origin)
            .with("Access-Control-Request-Method", method);
    return headers == null ? x : x.with("Access-Control-Request-Headers", headers);
  }

  @Test
  void allowedPreflightIsAnsweredCompletelyByTheEngine() throws IOException {
    FakeExchange x = preflight("https://app.example.com", "PUT", "content-type,x-api-key");
    CorsDecision d = engine.handle(x.request, x.response);
    assertThat(d.isPreflight()).isTrue();
    assertThat(x.sentStatus).isEqualTo(204);
    assertThat(x.sentBody).isEmpty();
    assertThat(x.responseLines())
        .containsExactly(
            "Access-Control-Allow-Origin: https://app.example.com",
            "Access-Control-Allow-Credentials: true",
            "Access-Control-Allow-Methods: PUT",
            "Access-Control-Allow-Headers: content-type,x-api-key",
            "Access-Control-Max-Age: 600",
            "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  }

  @Test
  void rejectedPreflightGets403WithATextBodyAndNoAllowHeader() throws IOException {
    FakeExchange x = preflight("https://app.example.com", "PUT", "x-secret");
    CorsDecision d = engine.handle(x.request, x.response);
    assertThat(d.isPreflight()).isTrue();
    assertThat(x.sentStatus).isEqualTo(403);
    assertThat(x.sentBody).isEqualTo("CORS preflight rejected: header x-secret not allowed\n");
    assertThat(x.responseLines())
        .containsExactly(
            "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            "Content-Type: text/plain; charset=utf-8");
  }

  @Test
  void allowedActualRequestGetsItsHeadersAndNothingIsSent() throws IOException {
    FakeExchange x =
        new FakeExchange("GET", "/api/items")
            .with("Origin", "https://app.example.com")
            .responding("Vary", "Accept-Encoding");
    CorsDecision d = engine.handle(x.request, x.response);
    assertThat(d.isPreflight()).isFalse();
    assertThat(x.sentStatus).isEqualTo(-1);
    assertThat(x.responseLines())
        .containsExactly(
            "Vary: Accept-Encoding, Origin",
            "Access-Control-Allow-Origin: https://app.example.com",
            "Access-Control-Allow-Credentials: true",
            "Access-Control-Expose-Headers: X-Request-Id");
  }

  @Test
  void applyToReplacesTheApplicationsCorsHeadersAndIsIdempotent() throws IOException {
    FakeExchange x =
        new FakeExchange("GET", "/api/items").with("Origin", "https://app.example.com");
    CorsDecision d = engine.handle(x.request, x.response);
    x.responding("access-control-allow-origin", "*")
        .responding("Access-Control-Allow-Methods", "GET")
        .responding("Access-Control-Max-Age", "5")
        .responding("Vary", "Accept");
    d.applyTo(x.response);
    d.applyTo(x.response);
    assertThat(x.responseLines())
        .containsExactlyInAnyOrder(
            "Access-Control-Allow-Origin: https://app.example.com",
            "Access-Control-Allow-Credentials: true",
            "Access-Control-Expose-Headers: X-Request-Id",
            "Vary: Accept, Origin");
  }

  @Test
  void refusedOriginGetsOnlyVaryAndLosesTheApplicationsCorsHeaders() throws IOException {
    FakeExchange x = new FakeExchange("GET", "/api/items").with("Origin", "https://evil.example");
    CorsDecision d = engine.handle(x.request, x.response);
    x.responding("Access-Control-Allow-Origin", "https://evil.example");
    d.applyTo(x.response);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.DISALLOWED);
    assertThat(x.responseLines()).containsExactly("Vary: Origin");
  }

  @Test
  void requestNoPolicyCoversIsLeftUntouched() throws IOException {
    FakeExchange x =
        preflight("https://app.example.com", "PUT", null)
            .responding("Access-Control-Allow-Origin", "*");
    FakeExchange outside =
        new FakeExchange("OPTIONS", "/other")
            .with("Origin", "https://app.example.com")
            .with("Access-Control-Request-Method", "PUT")
            .responding("Access-Control-Allow-Origin", "*");
    CorsDecision d = engine.handle(outside.request, outside.response);
    assertThat(d.isCovered()).isFalse();
    assertThat(d.isPreflight()).isFalse();
    assertThat(outside.sentStatus).isEqualTo(-1);
    assertThat(outside.responseLines()).containsExactly("Access-Control-Allow-Origin: *");
    assertThat(engine.handle(x.request, x.response).isPreflight()).isTrue();
  }

  @Test
  void severalOriginLinesAreJoinedAndRefusedAsMalformed() {
    FakeExchange x =
        new FakeExchange("GET", "/api/items")
            .with("Origin", "https://app.example.com")
            .with("Origin", "https://app.example.com");
    CorsDecision d = engine.decide(x.request);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.DISALLOWED);
    assertThat(d.rejection().reason()).isEqualTo(Rejection.Reason.ORIGIN_MALFORMED);
  }

  @Test
  void severalRequestHeaderLinesAreJoinedWithAComma() {
    FakeExchange x =
        preflight("https://app.example.com", "PUT", "content-type")
            .with("Access-Control-Request-Headers", "x-api-key");
    CorsDecision d = engine.decide(x.request);
    assertThat(d.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT_ALLOWED);
    assertThat(d.toString()).contains("Access-Control-Allow-Headers: content-type,x-api-key");
  }

  @Test
  void severalRequestMethodLinesAreJoinedAndRefusedAsMalformed() {
    FakeExchange x =
        preflight("https://app.example.com", "PUT", null)
            .with("Access-Control-Request-Method", "PUT");
    assertThat(engine.decide(x.request).rejection().reason())
        .isEqualTo(Rejection.Reason.METHOD_MALFORMED);
  }

  @Test
  void onlyAnOptionsRequestHasItsAccessControlRequestHeadersRead() {
    FakeExchange get =
        new FakeExchange("GET", "/api/items")
            .with("Origin", "https://app.example.com")
            .with("Access-Control-Request-Method", "PUT");
    assertThat(engine.decide(get.request).kind()).isEqualTo(CorsDecision.Kind.ALLOWED);
    assertThat(get.read).containsExactly("origin");
    FakeExchange options = preflight("https://app.example.com", "PUT", null);
    engine.decide(options.request);
    assertThat(options.read)
        .containsExactly(
            "origin",
            "access-control-request-method",
            "access-control-request-headers",
            "access-control-request-private-network");
  }

  @Test
  void answerPreflightRefusesAnActualRequestsDecision() {
    FakeExchange x =
        new FakeExchange("GET", "/api/items").with("Origin", "https://app.example.com");
    CorsDecision d = engine.decide(x.request);
    assertThatThrownBy(() -> d.answerPreflight(x.response))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a preflight");
  }

  @ParameterizedTest(name = "{0} under a policy: {1}")
  @CsvSource({
    "Access-Control-Allow-Origin, true",
    "access-control-allow-credentials, true",
    "Access-Control-Expose-Headers, true",
    "Access-Control-Max-Age, true",
    "Access-Control-Request-Method, false",
    "Vary, false",
    "Content-Type, false"
  })
  void overridesOnlyCorsResponseHeaders(String name, boolean expected) {
    CorsDecision d =
        engine.decide(
            new FakeExchange("GET", "/api/x").with("Origin", "https://a.example").request);
    assertThat(d.overrides(name)).isEqualTo(expected);
  }

  @Test
  void nothingIsOverriddenWithoutAPolicy() {
    CorsDecision d = engine.decide(new FakeExchange("GET", "/elsewhere").request);
    assertThat(d.overrides("Access-Control-Allow-Origin")).isFalse();
  }

  @ParameterizedTest(name = "application Vary ''{0}'' becomes ''{1}''")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | Origin",
        "Accept-Encoding | Accept-Encoding, Origin",
        "origin, Accept | origin, Accept",
        "Accept, Accept-Language, accept | Accept, Accept-Language, Origin",
        "Accept,, Accept | Accept, Origin",
        "* | *"
      })
  void mergeVaryKeepsTheApplicationsNamesAndAddsTheDecisions(String app, String expected) {
    CorsDecision d = engine.decide(new FakeExchange("GET", "/api/x").request);
    assertThat(d.mergeVary(app)).isEqualTo(expected);
  }

  @Test
  void refusalCountsCountEnforcedRefusalsByReason() throws IOException {
    CorsEngine fresh =
        CorsEngine.of(CorsPolicy.builder().allowedOrigins("https://app.example.com").build());
    for (int i = 0; i < 3; i++) {
      fresh.decide(
          new FakeExchange("GET", "/").with("Origin", "https://evil" + i + ".example").request);
    }
    fresh.decide(preflight("https://app.example.com", "PUT", "x-secret").request);
    fresh.decide(new FakeExchange("GET", "/").with("Origin", "https://app.example.com").request);
    Map<String, Long> counts = fresh.refusalCounts();
    assertThat(counts)
        .containsEntry("ORIGIN_NOT_ALLOWED", 3L)
        .containsEntry("HEADER_NOT_ALLOWED", 1L);
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    assertThat(counts.keySet()).hasSize(Rejection.Reason.values().length);
  }
}
