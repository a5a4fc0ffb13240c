package dev.corsair.vertx;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) over real HTTP against a Vert.x Web router with
 * {@code router.route().handler(CorsHandler.of(policy))} in front of the test application. One
 * server per policy, started on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsCasesIT {
  private final Map<String, VertxServer> running = new HashMap<>();

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(CorsCase c) throws Exception {
    VertxServer server = running.get(new TreeMap<>(c.policy()).toString());
    if (server == null) {
      CorsPolicy policy = CorsPolicy.fromEnvironment(c.policy());
      server =
          VertxServer.start(
              router -> {
                router.route().handler(CorsHandler.of(policy));
                router.route().handler(VertxServer::testApp);
              });
      running.put(new TreeMap<>(c.policy()).toString(), server);
    }
    CaseRunner.run(server.base, c);
  }

  @AfterAll
  void stop() throws Exception {
    for (VertxServer s : running.values()) {
      s.close();
    }
  }
}
