package dev.corsair.export;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) over real HTTP through each real engine running
 * its exported configuration: client -> engine -> a loopback upstream behaving like TestApp. One
 * engine per distinct policy, reused across that policy's cases.
 */
class ExportCasesIT {
  static final List<String> ENGINES = List.of("nginx", "haproxy", "caddy", "apache");

  private static Upstream upstream;
  private static final Map<String, Edge> edges = new ConcurrentHashMap<>();

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = new Upstream();
  }

  @AfterAll
  static void stopAll() {
    edges.values().forEach(Edge::close);
    upstream.close();
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String engine : ENGINES) {
      for (CorsCase c : CorsCases.all()) {
        out.add(Arguments.of(engine, c));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void caseHoldsThroughTheExportedEngine(String engine, CorsCase c) throws Exception {
    if (engine.equals("apache") && "200".equals(c.policy().get("CORS_PREFLIGHT_STATUS"))) {
      // Apache cannot answer a 200 preflight with an empty body: export refuses the setting.
      assertThatThrownBy(() -> Edge.start(engine, c.policy(), upstream.uri()))
          .hasMessageContaining("export failed (2)")
          .hasMessageContaining("CORS_PREFLIGHT_STATUS=200: apache cannot express this exactly");
      return;
    }
    String key = engine + " " + new java.util.TreeMap<>(c.policy());
    Edge e = edges.get(key);
    if (e == null) {
      e = Edge.start(engine, c.policy(), upstream.uri());
      edges.put(key, e);
    }
    CaseRunner.run(e.uri(), c);
  }
}
