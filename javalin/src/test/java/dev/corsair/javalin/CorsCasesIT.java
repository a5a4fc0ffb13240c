package dev.corsair.javalin;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) over real HTTP against a Javalin application
 * with {@code config.registerPlugin(new CorsairPlugin(policy))} in front of the test application.
 * One server per policy, started on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsCasesIT {
  private final Map<String, JavalinServer> running = new HashMap<>();

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(CorsCase c) throws Exception {
    JavalinServer server = running.get(new TreeMap<>(c.policy()).toString());
    if (server == null) {
      CorsPolicy policy = CorsPolicy.fromEnvironment(c.policy());
      server =
          JavalinServer.start(
              config -> {
                config.registerPlugin(new CorsairPlugin(policy));
                for (HandlerType method :
                    List.of(
                        HandlerType.GET,
                        HandlerType.HEAD,
                        HandlerType.POST,
                        HandlerType.PUT,
                        HandlerType.PATCH,
                        HandlerType.DELETE,
                        HandlerType.OPTIONS)) {
                  config.routes.addEndpoint(
                      new Endpoint(method, "/<path>", JavalinServer::testApp));
                }
              });
      running.put(new TreeMap<>(c.policy()).toString(), server);
    }
    CaseRunner.run(server.base, c);
  }

  @AfterAll
  void stop() throws Exception {
    for (JavalinServer s : running.values()) {
      s.close();
    }
  }
}
