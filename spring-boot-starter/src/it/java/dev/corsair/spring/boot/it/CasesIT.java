package dev.corsair.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared case table (testkit {@code CorsCases}) through the starter alone (no Spring Security,
 * no Spring CORS), the policy given as {@code CORS_*} variables, and Boot's error handling: one
 * application per policy, started on first use and kept for its cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CasesIT {
  static final String APP = "https://app.example.com";
  static final Map<String, String> LIST =
      Map.of("CORS_ALLOWED_ORIGINS", APP + ",http://localhost:5173");

  private final Map<String, Boot> running = new LinkedHashMap<>();
  private final Map<String, String> startupLogs = new LinkedHashMap<>();

  abstract Boot.Stack stack();

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream()
        .sorted(Comparator.comparing(c -> new TreeMap<>(c.policy()).toString()));
  }

  private Boot app(Map<String, String> environment) {
    String key = new TreeMap<>(environment).toString();
    return running.computeIfAbsent(
        key,
        k -> {
          int mark = Output.mark();
          Boot b = Boot.start(stack(), PlainApp.class, false, Map.of(), environment);
          startupLogs.put(k, Output.since(mark));
          return b;
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(CorsCase c) throws Exception {
    CaseRunner.run(app(c.policy()).base, c);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/boom 500",
        "/nowhere 404",
        "/teapot 418",
        "/error 0",
        "/later 200",
        "/later-boom 500"
      })
  void bootsErrorHandlingAndAsyncAnswersKeepTheHeaders(String pathAndStatus) throws Exception {
    String path = pathAndStatus.split(" ")[0];
    int status = Integer.parseInt(pathAndStatus.split(" ")[1]);
    HttpResponse<String> r =
        Http.send(app(LIST).base, "GET", path, "Origin", APP, "Accept", "application/json");
    if (status != 0) {
      assertThat(r.statusCode()).isEqualTo(status);
    } else {
      assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
    }
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(CaseRunner.varyNames(r)).contains("origin");
  }

  @Test
  void errorFromADisallowedOriginCarriesNoAllowOrigin() throws Exception {
    HttpResponse<String> r =
        Http.send(app(LIST).base, "GET", "/boom", "Origin", "https://evil.example.net");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).isEmpty();
    assertThat(CaseRunner.varyNames(r)).contains("origin");
  }

  @Test
  void noWarningWithoutSpringCors() {
    app(LIST);
    assertThat(startupLogs.get(new TreeMap<>(LIST).toString()))
        .contains("Started ")
        .doesNotContain("Spring's own CORS configuration");
  }

  @AfterAll
  void stop() {
    running.values().forEach(Boot::close);
  }
}
