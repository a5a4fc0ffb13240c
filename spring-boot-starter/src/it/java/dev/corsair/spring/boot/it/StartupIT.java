package dev.corsair.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsEngine;
import dev.corsair.testkit.CaseRunner;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the starter does at start-up: nothing without origins, a clear stop on a bad setting. */
class StartupIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Boot.Stack.class)
  void withoutAllowedOriginsTheStarterDoesNothingAndSaysSoAtDebug(Boot.Stack stack)
      throws Exception {
    int mark = Output.mark();
    try (Boot boot =
        Boot.start(
            stack, PlainApp.class, false, Map.of("logging.level.dev.corsair", "debug"), Map.of())) {
      assertThat(boot.context.getBeanNamesForType(CorsEngine.class)).isEmpty();
      HttpResponse<String> r =
          Http.send(boot.base, "GET", "/api/items", "Origin", "https://app.example.com");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Http.all(r, "Access-Control-Allow-Origin")).isEmpty();
      assertThat(CaseRunner.varyNames(r)).doesNotContain("origin");
    }
    assertThat(Output.since(mark))
        .contains("DEBUG")
        .contains("cors.allowed-origins (CORS_ALLOWED_ORIGINS) is not set");
  }

  @Test
  void aMisspeltOriginsKeyIsWarnedAboutOnce() throws Exception {
    int mark = Output.mark();
    try (Boot boot =
        Boot.start(
            Boot.Stack.SERVLET,
            PlainApp.class,
            false,
            Map.of("cors.allowed-origin", "https://app.example.com"),
            Map.of())) {
      assertThat(boot.context.getBeanNamesForType(CorsEngine.class)).isEmpty();
    }
    String log = Output.since(mark);
    assertThat(log.split("although cors.allowed-origin ", -1)).hasSize(2);
    assertThat(log).contains("WARN").contains("did you mean cors.allowed-origins?");
  }

  @Test
  void invalidPropertiesStopStartUpNamingEachProperty() {
    int mark = Output.mark();
    assertThatThrownBy(
            () ->
                Boot.start(
                    Boot.Stack.SERVLET,
                    PlainApp.class,
                    false,
                    Map.of(
                        "cors.allowed-origins", "http://localhost:5173/",
                        "cors.max-age", "ten minutes",
                        "cors.allowed-origin", "typo"),
                    Map.of()))
        .hasRootCauseInstanceOf(CorsConfigException.class)
        .rootCause()
        .hasMessageContaining("cors.allowed-origins: 'http://localhost:5173/'")
        .hasMessageContaining("cors.max-age")
        .hasMessageContaining("did you mean cors.allowed-origins");
    assertThat(Output.since(mark))
        .contains("APPLICATION FAILED TO START")
        .contains("cors.allowed-origins: 'http://localhost:5173/'");
  }

  @Test
  void invalidEnvironmentVariableExitsNonZeroWithCorsairsText() throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-cp");
    command.add(cp);
    command.add(FailingMain.class.getName());
    command.addAll(Boot.arguments(Boot.Stack.SERVLET, false, Map.of()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("CORS_ALLOWED_ORIGINS", "localhost:5173,*");
    pb.environment().put("CORS_ALLOW_CREDENTIALS", "true");
    Path out = Files.createTempFile("corsair-boot-", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the application stops by itself").isTrue();
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(output).isNotZero();
      assertThat(output)
          .contains("APPLICATION FAILED TO START")
          .contains("invalid CORS configuration (2 problems)")
          .contains("CORS_ALLOWED_ORIGINS: 'localhost:5173'")
          .contains("CORS_ALLOW_CREDENTIALS")
          .contains("Action:")
          .contains("Correct the CORS settings named above");
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }
}
