package dev.corsair.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --snippet} pasted where its comments say, into a minimal configuration of the real engine:
 * the pasted parts enforce the policy as the whole file does.
 */
class SnippetIT {
  static final Map<String, String> POLICY =
      Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com,http://localhost:5173");

  @Test
  void nginxSnippetInAnExistingServerEnforcesThePolicy() throws Exception {
    check("nginx");
  }

  @Test
  void apacheSnippetInAnExistingVirtualHostEnforcesThePolicy() throws Exception {
    check("apache");
  }

  @Test
  void caddySnippetInAnExistingSiteEnforcesThePolicy() throws Exception {
    check("caddy");
  }

  /** Runs the engine with the snippet pasted over every case of that policy. */
  private static void check(String engine) throws Exception {
    try (Upstream upstream = new Upstream();
        Edge e = Edge.startPasted(engine, POLICY, upstream.uri())) {
      int ran = 0;
      for (CorsCase c : CorsCases.all()) {
        if (c.policy().equals(POLICY)) {
          CaseRunner.run(e.uri(), c);
          ran++;
        }
      }
      assertThat(ran).isGreaterThan(20);
    }
  }
}
