package dev.corsair.micronaut;

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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) over real HTTP against a Micronaut application
 * whose only CORS setup is the {@code cors.*} properties (corsair's factory builds the engine, the
 * filter applies it). One server per policy, started on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsCasesIT {
  private final Map<String, MicronautServer> running = new HashMap<>();

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(CorsCase c) throws Exception {
    String key = new TreeMap<>(c.policy()).toString();
    MicronautServer server = running.get(key);
    if (server == null) {
      server = MicronautServer.start("cases", properties(c.policy()));
      running.put(key, server);
    }
    CaseRunner.run(server.base, c);
  }

  /** {@code CORS_ALLOWED_ORIGINS} becomes the property {@code cors.allowed-origins}. */
  static Map<String, Object> properties(Map<String, String> environment) {
    Map<String, Object> p = new TreeMap<>();
    environment.forEach(
        (k, v) -> p.put("cors." + k.substring(5).toLowerCase(Locale.ROOT).replace('_', '-'), v));
    return p;
  }

  @AfterAll
  void stop() {
    running.values().forEach(MicronautServer::close);
  }
}
