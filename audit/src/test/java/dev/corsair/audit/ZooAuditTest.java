package dev.corsair.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every zoo server is found with exactly its ids and severities; correct ones with none. */
class ZooAuditTest {
  private static Zoo zoo;

  @BeforeAll
  static void start() throws IOException {
    zoo = new Zoo();
  }

  @AfterAll
  static void stop() {
    zoo.close();
  }

  static Stream<Arguments> servers() {
    return Stream.of(
        // vulnerable: server -> "id:severity" set
        Arguments.of("reflect-middleware", Set.of("origin-reflection:high")),
        Arguments.of(
            "reflect-with-credentials",
            Set.of("origin-reflection:critical", "missing-vary-origin:high")),
        Arguments.of(
            "ends-with",
            Set.of(
                "suffix-match:high",
                "unescaped-dot:medium",
                "insecure-origin-trusted:medium",
                "arbitrary-subdomain-trusted:low")),
        Arguments.of(
            "starts-with-credentials",
            Set.of("prefix-match:critical", "special-chars-bypass:high")),
        Arguments.of(
            "contains",
            Set.of(
                "prefix-match:high",
                "suffix-match:high",
                "unescaped-dot:medium",
                "insecure-origin-trusted:medium",
                "special-chars-bypass:medium",
                "arbitrary-subdomain-trusted:low")),
        Arguments.of("unescaped-regex", Set.of("unescaped-dot:medium")),
        Arguments.of("naive-parser", Set.of("special-chars-bypass:medium")),
        Arguments.of("http-and-https", Set.of("insecure-origin-trusted:medium")),
        Arguments.of("subdomain-wildcard", Set.of("arbitrary-subdomain-trusted:low")),
        Arguments.of("wildcard-with-credentials", Set.of("wildcard-with-credentials:low")),
        Arguments.of("dynamic-without-vary", Set.of("missing-vary-origin:medium")),
        Arguments.of("preflight-echo", Set.of("preflight-reflects-everything:low")),
        Arguments.of(
            "reflect-and-preflight-echo",
            Set.of("origin-reflection:critical", "preflight-reflects-everything:medium")),
        Arguments.of("null-allowed", Set.of("null-origin-allowed:medium")),
        Arguments.of("third-party-codepen", Set.of("third-party-origin-trusted:high")),
        Arguments.of("third-party-github-pages", Set.of("third-party-origin-trusted:medium")),
        // correct: no finding
        Arguments.of("strict", Set.of()),
        Arguments.of("strict-with-credentials", Set.of()),
        Arguments.of("several-trusted", Set.of()),
        Arguments.of("public-wildcard", Set.of()),
        Arguments.of("no-cors", Set.of()),
        Arguments.of("static-single-origin", Set.of()));
  }

  @Test
  void everyZooServerIsInTheTable() {
    Set<String> inTable =
        servers().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
    assertThat(inTable).isEqualTo(new TreeSet<>(Zoo.SERVERS.keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void findsExactlyTheExpectedIds(String server, Set<String> expected) throws IOException {
    Auditor.Result r = audit(server, Zoo.TRUSTED);
    Set<String> got =
        r.findings().stream()
            .map(f -> f.id() + ":" + f.severity().label())
            .collect(Collectors.toSet());
    assertThat(got).as(Reports.human(r, Severity.LOW)).isEqualTo(expected);
    assertThat(r.requests()).isLessThanOrEqualTo(Prober.MAX_REQUESTS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void everyFindingCarriesItsProof(String server, Set<String> expected) throws IOException {
    for (Finding f : audit(server, Zoo.TRUSTED).findings()) {
      assertThat(f.evidence())
          .startsWith(f.proof().method() + " /" + server + " HTTP/1.1\n")
          .contains("\nOrigin: " + f.origin() + "\n")
          .contains("\nAccess-Control-Allow-Origin: ");
      assertThat(f.fix()).isNotBlank();
    }
  }

  @Test
  void aCorrectServerGetsEveryProbeOnceAndTheBoundCoversTheWorstCase() throws IOException {
    TrustedOrigin t = TrustedOrigin.parse(Zoo.TRUSTED);
    int probes =
        1 // baseline
            + 1 // arbitrary
            + 1 // null
            + 1 // prefix
            + 1 // suffix
            + t.unescapedDotProbes().size()
            + 1 // http: twin
            + t.specialCharProbes().size()
            + 1 // subdomain
            + t.thirdPartyProbes().size()
            + 1; // preflight
    assertThat(audit("strict", Zoo.TRUSTED).requests()).isEqualTo(probes);
    int worst =
        1
            + Auditor.MAX_REDIRECTS
            + 4
            + TrustedOrigin.MAX_DOT_PROBES
            + 1
            + TrustedOrigin.SPECIAL_CHARS.size()
            + 1
            + TrustedOrigin.THIRD_PARTY.size()
            + 1;
    assertThat(Prober.MAX_REQUESTS).isEqualTo(worst);
  }

  @Test
  void withoutOriginTheTargetsOwnOriginIsTrusted() throws IOException {
    Auditor.Result reflect = audit("reflect-middleware", null);
    assertThat(reflect.trusted().serialize())
        .isEqualTo("http://127.0.0.1:" + zoo.uri("x").getPort());
    assertThat(reflect.findings()).extracting(Finding::id).containsExactly("origin-reflection");
    assertThat(audit("strict", null).findings()).isEmpty();
  }

  @Test
  void reflectionLeavesOutTheIdsItImplies() throws IOException {
    audit("reflect-middleware", Zoo.TRUSTED);
    // baseline, arbitrary, preflight: no look-alike origin is sent once any origin is granted
    assertThat(
            zoo.seen("reflect-middleware").stream().skip(zoo.seen("reflect-middleware").size() - 3))
        .extracting(s -> s.headers().getFirst("Origin"))
        .containsExactly(Zoo.TRUSTED, TrustedOrigin.ARBITRARY, TrustedOrigin.ARBITRARY);
  }

  private static Auditor.Result audit(String server, String trusted) throws IOException {
    Prober prober = new Prober(1000, Duration.ofSeconds(5), "corsair-audit/test");
    return new Auditor(prober)
        .audit(zoo.uri(server), trusted == null ? null : TrustedOrigin.parse(trusted));
  }
}
