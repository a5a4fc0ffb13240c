package dev.corsair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The correctness check that decides which filters are timed: it must catch wrong output. */
class VerdictTest {

  /** Reflects every origin and answers every preflight: what a careless filter does. */
  static final Filter REFLECT_ALL =
      (req, res, chain) -> {
        HttpServletRequest q = (HttpServletRequest) req;
        HttpServletResponse r = (HttpServletResponse) res;
        String origin = q.getHeader("Origin");
        if (origin != null) {
          r.setHeader("Access-Control-Allow-Origin", origin);
          r.setHeader("Access-Control-Allow-Credentials", "true");
          r.setHeader("Access-Control-Allow-Methods", "PUT");
          r.setHeader(
              "Access-Control-Allow-Headers", q.getHeader("Access-Control-Request-Headers"));
        }
        if (origin != null && "OPTIONS".equals(q.getMethod())) {
          r.setStatus(204);
          return;
        }
        chain.doFilter(req, res);
      };

  /** Does nothing: the application answers everything. */
  static final Filter NOTHING = (req, res, chain) -> chain.doFilter(req, res);

  /** Sends the origin back without credentials. */
  static final Filter NO_CREDENTIALS =
      new Filter() {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
          String origin = ((HttpServletRequest) req).getHeader("Origin");
          if (origin != null) {
            ((HttpServletResponse) res).setHeader("Access-Control-Allow-Origin", origin);
          }
          chain.doFilter(req, res);
        }
      };

  static Stream<Arguments> wrongOutputs() {
    return Stream.of(
        Arguments.of(
            "reflecting filter allows a disallowed origin", REFLECT_ALL, Scenario.C_DISALLOWED),
        Arguments.of(
            "reflecting filter allows a disallowed preflight",
            REFLECT_ALL,
            Scenario.E_PREFLIGHT_DISALLOWED),
        Arguments.of("no filter: allowed origin gets nothing", NOTHING, Scenario.B_ALLOWED),
        Arguments.of("no filter: preflight reaches the application", NOTHING, Scenario.D_PREFLIGHT),
        Arguments.of("no credentials header", NO_CREDENTIALS, Scenario.B_ALLOWED),
        Arguments.of(
            "no credentials header, 1,000 origins", NO_CREDENTIALS, Scenario.F_THOUSAND_ORIGINS),
        Arguments.of(
            "no filter: hostile preflight reaches the application",
            NOTHING,
            Scenario.G_HOSTILE_HEADERS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongOutputs")
  void wrongOutputIsCaught(String name, Filter filter, Scenario s) {
    assertThat(new ServletFixture(filter, s).verify().ok()).isFalse();
  }

  @Test
  void theFloorIsRightForEveryScenario() throws Exception {
    for (Scenario s : Scenario.values()) {
      assertThat(new ServletFixture(ServletFilters.FLOOR, s).verify().ok()).as(s.name()).isTrue();
    }
  }

  @Test
  void corsairIsRightForEveryScenarioThroughEveryApi() throws Exception {
    for (Scenario s : Scenario.values()) {
      assertThat(new ServletFixture(ServletFilters.CORSAIR, s).verify())
          .as("servlet " + s)
          .matches(Verdict::ok);
      assertThat(new JdkFixture(JdkFilters.CORSAIR, s).verify())
          .as("jdkhttp " + s)
          .matches(Verdict::ok);
      assertThat(new EngineFixture(s).verify()).as("engine " + s).matches(Verdict::ok);
    }
  }

  @Test
  void aDisallowedRequestAnswered403IsANoteNotAFailure() throws Exception {
    Verdict v = new ServletFixture(ServletFilters.TOMCAT, Scenario.C_DISALLOWED).verify();
    assertThat(v.ok()).isTrue();
    assertThat(v.note).contains("app not reached");
  }

  @Test
  void theHostileListIs100KilobytesOfA() {
    String list = Scenario.G_HOSTILE_HEADERS.requestHeaders;
    assertThat(list).hasSize(100 * 1024 - 1);
    assertThat(Arrays.stream(list.split(",")).distinct()).containsExactly("a");
  }
}
