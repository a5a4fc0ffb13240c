package dev.corsair.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: arguments, exit codes, the three output formats, politeness. */
class AuditCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Zoo zoo;

  @BeforeAll
  static void start() throws IOException {
    zoo = new Zoo();
    zoo.add(
        "moved-away",
        ex -> {
          ex.getResponseHeaders().set("Location", "https://elsewhere.example/api");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    zoo.add(
        "moved-here",
        ex -> {
          ex.getResponseHeaders().set("Location", "/reflect-middleware");
          ex.sendResponseHeaders(301, -1);
          ex.close();
        });
  }

  @AfterAll
  static void stop() {
    zoo.close();
  }

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Audits a zoo server fast, trusting {@link Zoo#TRUSTED}, with extra arguments. */
  static Run audit(String server, String... more) {
    List<String> args = new ArrayList<>(List.of(zoo.uri(server).toString(), "--rate", "1000"));
    args.addAll(List.of("--origin", Zoo.TRUSTED));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static Stream<Arguments> badArguments() {
    String url = "http://127.0.0.1:9/";
    return Stream.of(
        Arguments.of("no URL", List.of(), "give the URL to audit"),
        Arguments.of("not http", List.of("ftp://example.com/"), "is not an http(s) URL"),
        Arguments.of("no scheme", List.of("example.com/api"), "is not an http(s) URL"),
        Arguments.of("two URLs", List.of(url, url), "one URL only"),
        Arguments.of("unknown option", List.of(url, "--bogus"), "unknown option '--bogus'"),
        Arguments.of(
            "origin with a slash",
            List.of(url, "--origin", "https://a.example/"),
            "is not an origin"),
        Arguments.of(
            "origin without scheme", List.of(url, "--origin", "a.example"), "is not an origin"),
        Arguments.of("origin without value", List.of(url, "--origin"), "--origin needs a value"),
        Arguments.of(
            "fail-on unknown",
            List.of(url, "--fail-on", "severe"),
            "use low, medium, high or critical"),
        Arguments.of("rate zero", List.of(url, "--rate", "0"), "--rate '0': use a number"),
        Arguments.of(
            "rate not a number", List.of(url, "--rate=fast"), "--rate 'fast': use a number"),
        Arguments.of("timeout fraction", List.of(url, "--timeout", "1.5"), "use whole seconds"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void badArgumentsExitTwoSayingWhatToChange(String name, List<String> args, String message) {
    Run r = run(args.toArray(String[]::new));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(message).contains("usage: corsair audit URL");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpStatesTheRequestBoundAndTheRate() {
    Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("at most " + Prober.MAX_REQUESTS + " requests per run")
        .contains("--rate N          at most N requests per second (default 10)");
  }

  @Test
  void unreachableTargetExitsThree() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Run r = run("http://127.0.0.1:" + port + "/", "--timeout", "2");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err()).contains("cannot reach http://127.0.0.1:" + port + "/");
  }

  @Test
  void silentTargetTimesOutAndExitsThree() throws IOException {
    // accepts connections (the backlog does) and never answers
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Run r = run("http://127.0.0.1:" + s.getLocalPort() + "/", "--timeout", "1");
      assertThat(r.status()).isEqualTo(3);
      assertThat(r.err()).contains("no answer in time");
    }
  }

  @Test
  void bodyThatNeverEndsTimesOutAndExitsThree() throws Exception {
    // answers the headers at once, then promises a body that never comes
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread server =
          new Thread(
              () -> {
                try (java.net.Socket c = s.accept()) {
                  c.getInputStream().read(new byte[4096]);
                  c.getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nstart"
                              .getBytes(StandardCharsets.US_ASCII));
                  c.getOutputStream().flush();
                  Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                  // the test is over
                }
              });
      server.setDaemon(true);
      server.start();
      Run r = run("http://127.0.0.1:" + s.getLocalPort() + "/", "--timeout", "1");
      assertThat(r.status()).isEqualTo(3);
      assertThat(r.err()).contains("no answer in time");
      server.interrupt();
    }
  }

  static Stream<Arguments> exitCodes() {
    return Stream.of(
        // server (its worst finding), --fail-on or "" for the default, exit status
        Arguments.of("strict", "", 0),
        Arguments.of("strict", "low", 0),
        Arguments.of("subdomain-wildcard", "", 0),
        Arguments.of("subdomain-wildcard", "low", 1),
        Arguments.of("null-allowed", "", 1),
        Arguments.of("null-allowed", "high", 0),
        Arguments.of("reflect-middleware", "high", 1),
        Arguments.of("reflect-middleware", "critical", 0),
        Arguments.of("reflect-with-credentials", "critical", 1));
  }

  @ParameterizedTest(name = "{0} --fail-on {1}")
  @MethodSource("exitCodes")
  void exitsOneOnlyForAFindingAtOrAboveFailOn(String server, String failOn, int status) {
    Run r = failOn.isEmpty() ? audit(server) : audit(server, "--fail-on", failOn);
    assertThat(r.status()).as(r.out()).isEqualTo(status);
  }

  @Test
  void humanOutputGroupsBySeverityMostSevereFirst() {
    Run r = audit("reflect-with-credentials");
    assertThat(r.out())
        .contains("trusted origin: " + Zoo.TRUSTED)
        .contains(
            "CRITICAL (1)\n  origin-reflection: the server grants an arbitrary origin, with credentials")
        .contains("HIGH (1)\n  missing-vary-origin")
        .contains("    probe origin: https://evil.example\n")
        .contains("    | Access-Control-Allow-Credentials: true\n")
        .contains("    fix: Stop echoing the request's Origin.")
        .contains("2 findings (1 critical, 1 high): at or above --fail-on medium.");
    assertThat(r.out().indexOf("CRITICAL")).isLessThan(r.out().indexOf("HIGH"));
  }

  @Test
  void humanOutputOnACorrectServerSaysSo() {
    Run r = audit("strict-with-credentials");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("No CORS misconfiguration found.");
  }

  @Test
  void jsonHasTheContractShape() throws IOException {
    Run r = audit("starts-with-credentials", "--json");
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("url").asText()).isEqualTo(zoo.uri("starts-with-credentials").toString());
    assertThat(fieldNames(root)).containsExactlyInAnyOrder("url", "findings");
    Set<String> ids = new TreeSet<>();
    for (JsonNode f : root.get("findings")) {
      assertThat(fieldNames(f)).containsExactly("id", "severity", "origin", "evidence", "fix");
      assertThat(f.get("evidence").asText()).contains("Origin: " + f.get("origin").asText());
      ids.add(f.get("id").asText() + ":" + f.get("severity").asText());
    }
    assertThat(ids).containsExactly("prefix-match:critical", "special-chars-bypass:high");
    assertThat(r.status()).isEqualTo(1);
  }

  @Test
  void jsonNamesTheUrlAsGiven() throws IOException {
    String root = "http://127.0.0.1:" + zoo.uri("x").getPort();
    Run r = run(root, "--json", "--rate", "1000");
    assertThat(JSON.readTree(r.out()).get("url").asText()).isEqualTo(root);
    assertThat(r.status()).isZero(); // nothing at "/": a 404 without CORS headers
  }

  @Test
  void jsonOnACorrectServerHasNoFindings() throws IOException {
    JsonNode root = JSON.readTree(audit("public-wildcard", "--json").out());
    assertThat(root.get("findings").size()).isZero();
  }

  @Test
  void sarifFileIsSarif210WithOneResultPerFinding(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("audit.sarif");
    Run r = audit("reflect-with-credentials", "--sarif", file.toString());
    assertThat(r.status()).isEqualTo(1);
    JsonNode log = JSON.readTree(Files.readString(file));
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.get("$schema").asText()).contains("sarif-2.1.0");
    JsonNode run = log.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("corsair-audit");
    List<String> ruleIds = new ArrayList<>();
    driver.get("rules").forEach(rule -> ruleIds.add(rule.get("id").asText()));
    assertThat(ruleIds).hasSize(Misconfiguration.values().length).contains("origin-reflection");
    List<String> results = new ArrayList<>();
    for (JsonNode res : run.get("results")) {
      String id = res.get("ruleId").asText();
      assertThat(ruleIds.get(res.get("ruleIndex").asInt())).isEqualTo(id);
      results.add(id + ":" + res.get("level").asText());
      assertThat(
              res.get("locations")
                  .get(0)
                  .get("physicalLocation")
                  .get("artifactLocation")
                  .get("uri")
                  .asText())
          .isEqualTo(zoo.uri("reflect-with-credentials").toString());
      assertThat(res.get("webRequest").get("headers").get("Origin").asText())
          .isEqualTo(res.get("properties").get("origin").asText());
      assertThat(res.get("webResponse").get("statusCode").asInt()).isEqualTo(200);
    }
    assertThat(results).containsExactly("origin-reflection:error", "missing-vary-origin:error");
    assertThat(run.get("results").get(0).get("webRequest").get("headers").get("Origin").asText())
        .isEqualTo("https://evil.example");
  }

  @Test
  void unwritableSarifFileExitsTwo(@TempDir Path dir) {
    Run r = audit("strict", "--sarif", dir.resolve("missing/dir/audit.sarif").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("cannot write the SARIF file");
  }

  @Test
  void everyRequestNamesCorsairAndStaysWithinTheBound() {
    int before = zoo.seen.size();
    audit("strict");
    List<Zoo.Seen> sent = new ArrayList<>(zoo.seen).subList(before, zoo.seen.size());
    assertThat(sent).hasSizeBetween(2, Prober.MAX_REQUESTS);
    assertThat(sent)
        .allSatisfy(
            s ->
                assertThat(s.headers().getFirst("User-Agent"))
                    .isEqualTo("corsair-audit/" + AuditCommand.version()));
    assertThat(AuditCommand.version()).isNotEqualTo("dev").doesNotContain("${");
  }

  @Test
  void rateLimitSpacesTheRequests() {
    int before = zoo.seen.size();
    run(zoo.uri("strict").toString(), "--origin", Zoo.TRUSTED, "--rate", "50");
    List<Zoo.Seen> sent = new ArrayList<>(zoo.seen).subList(before, zoo.seen.size());
    // sends start 20 ms apart; arrivals may jitter, so compare the whole span (one gap of slack)
    long spanMillis = (sent.get(sent.size() - 1).nanos() - sent.get(0).nanos()) / 1_000_000;
    assertThat(sent.size()).isGreaterThan(20);
    assertThat(spanMillis).isGreaterThanOrEqualTo((sent.size() - 2) * 20L);
  }

  @Test
  void redirectToAnotherHostIsNotFollowed() {
    int before = zoo.seen.size();
    Run r = audit("moved-away");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("redirects to another origin (https://elsewhere.example/api); not followed");
    assertThat(zoo.seen.size())
        .isEqualTo(before); // only the raw handler saw them, never another host
  }

  @Test
  void sameOriginRedirectIsFollowedAndTheTargetAudited() {
    Run r = audit("moved-here", "--json");
    assertThat(r.out())
        .contains("\"url\":\"" + zoo.uri("reflect-middleware") + "\"")
        .contains("\"id\":\"origin-reflection\"");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
