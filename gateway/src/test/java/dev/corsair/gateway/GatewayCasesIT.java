package dev.corsair.gateway;

import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table ({@code CorsCases} in testkit) over real HTTP: client -> gateway -> an
 * upstream behaving like TestApp. One gateway per distinct policy, reused across its cases.
 */
class GatewayCasesIT {
  private static Backend backend;
  private static final Map<Map<String, String>, Gateways.Started> gateways = new HashMap<>();

  @BeforeAll
  static void startBackend() throws Exception {
    backend = new Backend();
  }

  @AfterAll
  static void stopAll() {
    gateways.values().forEach(Gateways.Started::close);
    backend.close();
  }

  static List<CorsCase> cases() {
    return CorsCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHoldsThroughTheGateway(CorsCase c) throws Exception {
    Gateways.Started g = gateways.get(c.policy());
    if (g == null) {
      g = Gateways.start(c.policy(), backend.uri(), "--access-log", "off");
      gateways.put(c.policy(), g);
    }
    CaseRunner.run(g.uri(), c);
  }
}
