package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.servlet.Container.Kind;
import dev.corsair.servlet.Container.Webapp;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) over real HTTP, in Tomcat, Jetty and Undertow,
 * with the filter created by each container from {@code cors.*} init-params (the {@code web.xml}
 * way). One web application per container and policy, started on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsCasesIT {
  private final Map<String, Container> running = new HashMap<>();

  static Stream<Arguments> cases() {
    return Stream.of(Kind.values())
        .flatMap(k -> CorsCases.all().stream().map(c -> Arguments.of(k, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void caseHolds(Kind kind, CorsCase c) throws Exception {
    Container container =
        running.computeIfAbsent(
            kind + " " + new TreeMap<>(c.policy()),
            k -> kind.start(Webapp.configuredBy(initParams(c.policy()))));
    CaseRunner.run(container.base(), c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void invalidInitParamFailsTheDeployment(Kind kind) {
    assertThatThrownBy(
            () -> kind.start(Webapp.configuredBy(Map.of("cors.allowed-origins", "localhost:5173"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start");
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  /** {@code CORS_ALLOWED_ORIGINS} becomes the init-param {@code cors.allowed-origins}. */
  static Map<String, String> initParams(Map<String, String> environment) {
    Map<String, String> p = new TreeMap<>();
    environment.forEach(
        (k, v) -> p.put("cors." + k.substring(5).toLowerCase(Locale.ROOT).replace('_', '-'), v));
    return p;
  }

  @AfterAll
  void stop() {
    running.values().forEach(Container::close);
  }
}
