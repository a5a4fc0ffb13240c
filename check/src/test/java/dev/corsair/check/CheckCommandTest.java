package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code corsair check} end to end against a loopback server that allows only GET from one origin.
 */
class CheckCommandTest {
  static final String PAGE = "http://localhost:5173";
  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            if (ex.getRequestMethod().equals("OPTIONS")) {
              ex.getResponseHeaders().add("Access-Control-Allow-Origin", PAGE);
              ex.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
              ex.sendResponseHeaders(204, -1);
              return;
            }
            ex.getResponseHeaders().add("Access-Control-Allow-Origin", PAGE);
            ex.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  record Run(int status, String out, String err) {}

  static Run check(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CheckCommand.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> usage() {
    return Stream.of(
        Arguments.of("no URL", new String[] {"--origin", PAGE}, "give the URL"),
        Arguments.of("no origin", new String[] {"http://h/"}, "--origin"),
        Arguments.of(
            "origin with a path",
            new String[] {"http://h/", "--origin", PAGE + "/"},
            "without a path"),
        Arguments.of(
            "origin without scheme",
            new String[] {"http://h/", "--origin", "localhost:5173"},
            "scheme://host"),
        Arguments.of("relative URL", new String[] {"/api", "--origin", PAGE}, "absolute"),
        Arguments.of("ftp URL", new String[] {"ftp://h/", "--origin", PAGE}, "absolute"),
        Arguments.of(
            "bad method", new String[] {"http://h/", "--origin", PAGE, "-X", "GE T"}, "token"),
        Arguments.of(
            "CONNECT", new String[] {"http://h/", "--origin", PAGE, "-X", "connect"}, "CONNECT"),
        Arguments.of(
            "header without colon",
            new String[] {"http://h/", "--origin", PAGE, "-H", "X-Key"},
            "'Name: value'"),
        Arguments.of(
            "bad header name",
            new String[] {"http://h/", "--origin", PAGE, "-H", "X Key: v"},
            "token"),
        Arguments.of(
            "unknown stack",
            new String[] {"http://h/", "--origin", PAGE, "--stack", "perl"},
            "express"),
        Arguments.of(
            "unknown option",
            new String[] {"http://h/", "--origin", PAGE, "--nope"},
            "unknown option"),
        Arguments.of(
            "unknown browser",
            new String[] {"http://h/", "--origin", PAGE, "--browser", "opera"},
            "chromium, firefox, safari"),
        Arguments.of("missing value", new String[] {"http://h/", "--origin"}, "needs a value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usage")
  void badArgumentsExitTwoSayingWhatToChange(String desc, String[] args, String says) {
    Run r = check(args);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(says);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void allowedExitsZero() {
    Run r = check(base + "/api", "--origin", PAGE);
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out())
        .startsWith("allowed:")
        .containsIgnoringCase("< Access-Control-Allow-Origin: " + PAGE);
  }

  @Test
  void blockedPrintsTheMessageTheExchangeTheReasonAndTheFix() {
    Run r = check(base + "/api", "--origin", PAGE, "-X", "PUT", "-H", "X-Api-Key: demo");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "Access to fetch at '"
                + base
                + "/api' from origin '"
                + PAGE
                + "' has been blocked by CORS policy: Method PUT is not allowed by"
                + " Access-Control-Allow-Methods in preflight response.")
        .contains("> Access-Control-Request-Method: PUT")
        .contains("> Access-Control-Request-Headers: x-api-key")
        .contains("Why: ")
        .contains("Access-Control-Allow-Methods: GET, POST, PUT");
    assertThat(r.out().indexOf("preflight:")).isLessThan(r.out().indexOf("Why:"));
  }

  @Test
  void otherOriginIsBlockedWithTheHostDifferenceExplained() {
    Run r = check(base + "/api", "--origin", "http://127.0.0.1:5173");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains("has a value '" + PAGE + "' that is not equal")
        .contains("differ only in the host");
  }

  @Test
  void jsonHasTheContractFields() {
    Run r = check(base + "/api", "--origin", PAGE, "-X", "DELETE", "--json");
    assertThat(r.status()).isEqualTo(1);
    String json = r.out().trim();
    assertThat(json).startsWith("{\"allowed\":false,").endsWith("}");
    assertThat(json)
        .contains("\"preflight\":{\"request\":{\"method\":\"OPTIONS\"")
        .contains("\"response\":null")
        .contains(
            "\"error\":{\"code\":\"MethodDisallowedByPreflightResponse\",\"message\":\"Access to fetch at '")
        .contains("\"fixes\":[\"");
    assertThat(json.lines().count()).isEqualTo(1);
  }

  @Test
  void firefoxPrintsItsOwnMessageForTheSameBlock() {
    Run r = check(base + "/api", "--origin", PAGE, "-X", "PUT", "--browser", "firefox");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "  Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote"
                + " resource at "
                + base
                + "/api. (Reason: Did not find method in CORS header"
                + " ‘Access-Control-Allow-Methods’).")
        .doesNotContain("Access to fetch at");
  }

  @Test
  void safariPrintsItsReasonLineThenFetchCannotLoad() {
    Run r = check(base + "/api", "--origin", "http://127.0.0.1:5173", "--browser", "webkit");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "  Origin http://127.0.0.1:5173 is not allowed by Access-Control-Allow-Origin. Status"
                + " code: 200\n  Fetch API cannot load "
                + base
                + "/api due to access control checks.");
  }

  @Test
  void jsonNamesTheBrowserAndCarriesItsMessage() {
    Run r = check(base + "/api", "--origin", PAGE, "-X", "DELETE", "--json", "--browser", "safari");
    assertThat(r.out())
        .startsWith("{\"allowed\":false,\"browser\":\"safari\",")
        .contains(
            "\"error\":{\"code\":\"MethodDisallowedByPreflightResponse\",\"message\":\"Method"
                + " DELETE is not allowed by Access-Control-Allow-Methods.\"}");
    assertThat(check(base + "/api", "--origin", PAGE, "--json").out())
        .startsWith("{\"allowed\":true,\"browser\":\"chromium\",");
  }

  @Test
  void jsonForAnAllowedCall() {
    Run r = check(base + "/api", "--origin", PAGE, "--json");
    assertThat(r.out())
        .startsWith("{\"allowed\":true,")
        .contains("\"preflight\":null")
        .contains("\"response\":{\"status\":200")
        .contains("\"error\":null")
        .contains("\"fixes\":[]");
  }

  @Test
  void refusedConnectionExitsThree() {
    Run r = check("http://127.0.0.1:" + Loopback.freePort() + "/", "--origin", PAGE);
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.out()).contains("net::ERR_CONNECTION_REFUSED");
  }

  /** Serves one connection with {@code response} as soon as it is accepted; returns its port. */
  static int rawOnce(java.net.ServerSocket raw, String response) {
    Thread t =
        new Thread(
            () -> {
              try (java.net.Socket s = raw.accept()) {
                s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                Thread.sleep(200);
              } catch (java.io.IOException | InterruptedException ignored) {
                // the test fails on the output instead
              }
            });
    t.setDaemon(true);
    t.start();
    return raw.getLocalPort();
  }

  static java.net.ServerSocket loopbackSocket() throws java.io.IOException {
    return new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void httpsPageCallingHttpIsMixedContentAndSendsNothing() {
    Run r = check("http://api.invalid/x", "--origin", "https://app.example.com");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.out())
        .contains("Mixed Content: The page at 'https://app.example.com/' was loaded over HTTPS")
        .contains("(nothing was received)");
  }

  @Test
  void httpsPageCallingLoopbackHttpIsNotMixedContent() {
    Run r = check(base + "/api", "--origin", "https://app.example.com");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("Mixed Content");
  }

  @Test
  void aBadPortIsRefusedWithoutConnecting() {
    Run r = check("http://127.0.0.1:6000/x", "--origin", PAGE);
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.out()).contains("net::ERR_UNSAFE_PORT").contains("(nothing was received)");
  }

  @Test
  void tlsFailureExitsThree() throws Exception {
    try (java.net.ServerSocket raw = loopbackSocket()) {
      int port = rawOnce(raw, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      Run r = check("https://127.0.0.1:" + port + "/api", "--origin", PAGE);
      assertThat(r.status()).as(r.out()).isEqualTo(3);
      assertThat(r.out()).contains("net::ERR_SSL_PROTOCOL_ERROR");
    }
  }

  @Test
  void headerLinesAreShownAsTheServerWroteThem() throws Exception {
    try (java.net.ServerSocket raw = loopbackSocket()) {
      int port =
          rawOnce(
              raw,
              "HTTP/1.1 200 OK\r\nACCESS-CONTROL-ALLOW-ORIGIN: "
                  + PAGE
                  + "\r\nAccess-Control-Allow-Origin: "
                  + PAGE
                  + "\r\nContent-Length: 0\r\n\r\n");
      Run r = check("http://127.0.0.1:" + port + "/", "--origin", PAGE);
      assertThat(r.status()).isEqualTo(1);
      assertThat(r.out())
          .contains("< ACCESS-CONTROL-ALLOW-ORIGIN: " + PAGE)
          .contains("contains multiple values '" + PAGE + ", " + PAGE + "'")
          .contains("sent twice");
    }
  }

  static Stream<String> stacks() {
    return Stacks.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void stackPrintsTheFixAsConfiguration(String stack) {
    Run r =
        check(
            base + "/api",
            "--origin",
            "http://localhost:4000",
            "-X",
            "PURGE",
            "-H",
            "X-Api-Key: k",
            "--credentials",
            "--stack",
            stack);
    assertThat(r.status()).isEqualTo(1);
    String fix = r.out().substring(r.out().indexOf("Fix for " + stack + ":"));
    assertThat(fix).contains("http://localhost:4000").containsIgnoringCase("PURGE");
    List<String> credentialWords =
        new ArrayList<>(List.of("credentials", "Credentials", "CREDENTIALS"));
    assertThat(credentialWords.stream().anyMatch(fix::contains)).isTrue();
  }

  @Test
  void forbiddenHeadersAreDroppedAsFetchDoes() {
    Run r = check(base + "/api", "--origin", PAGE, "-H", "Cookie: a=b");
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("drops the header Cookie");
    assertThat(r.out()).doesNotContain("> Cookie");
  }
}
