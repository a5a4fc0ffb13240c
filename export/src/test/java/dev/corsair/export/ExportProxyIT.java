package dev.corsair.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.audit.AuditCommand;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's proxy behaviours that an exported engine must share: upstream down, the upstream's
 * own CORS headers replaced, Vary merged, upstream errors, uncovered paths untouched, several path
 * policies (first match wins), bad input, forwarding headers; and {@code corsair audit} finds
 * nothing above low.
 */
class ExportProxyIT {
  static final String APP = "https://app.example.com";
  static final Map<String, String> POLICY =
      Map.of("CORS_ALLOWED_ORIGINS", APP, "CORS_PATHS", "/api/**,/cors,/error,/unavailable,/x");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Upstream upstream;
  private static final Map<String, Edge> edges = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
  }

  @AfterAll
  static void stop() {
    edges.values().forEach(Edge::close);
    upstream.close();
  }

  static List<String> engines() {
    return ExportCasesIT.ENGINES;
  }

  private static Edge edge(String engine) {
    return edges.computeIfAbsent(
        engine,
        e -> {
          try {
            return Edge.start(e, POLICY, upstream.uri());
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        });
  }

  static HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void upstreamsOwnCorsHeadersAreReplacedAndVaryMerged(String engine) throws Exception {
    URI base = edge(engine).uri();
    HttpResponse<String> r = get(base, "/cors", "Origin", APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
    assertThat(CaseRunner.varyNames(r)).containsExactlyInAnyOrder("origin", "accept-encoding");
    HttpResponse<String> evil = get(base, "/cors", "Origin", "https://evil.example");
    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(CaseRunner.varyNames(evil)).contains("origin");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void upstreamErrorsCarryTheCorsHeaders(String engine) throws Exception {
    HttpResponse<String> r = get(edge(engine).uri(), "/error", "Origin", APP);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(CaseRunner.varyNames(r)).contains("origin", "accept-encoding");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void uncoveredPathsPassTheUpstreamsHeadersUntouched(String engine) throws Exception {
    HttpResponse<String> r = get(edge(engine).uri(), "/elsewhere/cors", "Origin", APP);
    assertThat(r.headers().firstValue(TestApp.MARKER)).contains(TestApp.MARKER_VALUE);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(CaseRunner.varyNames(r)).containsExactly("accept-encoding");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void upstreamDownIs502WithCorsHeaders(String engine) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Edge down = Edge.start(engine, POLICY, URI.create("http://127.0.0.1:" + port))) {
      HttpResponse<String> r = get(down.uri(), "/x", "Origin", APP);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
      assertThat(CaseRunner.varyNames(r)).containsExactly("origin");
      HttpResponse<String> uncovered = get(down.uri(), "/elsewhere", "Origin", APP);
      assertThat(uncovered.statusCode()).isEqualTo(502);
      assertThat(uncovered.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void upstreamsOwn503IsRelayedAsSent(String engine) throws Exception {
    HttpResponse<String> r = get(edge(engine).uri(), "/unavailable", "Origin", APP);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo(Upstream.UNAVAILABLE_BODY);
    assertThat(r.headers().firstValue(TestApp.MARKER)).contains(TestApp.MARKER_VALUE);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void hostIsTheUpstreamsAndForwardedHeadersAreAdded(String engine) throws Exception {
    URI base = edge(engine).uri();
    get(base, "/x?a=1");
    Map<String, List<String>> seen = upstream.lastHeaders.get();
    assertThat(seen.get("Host")).containsExactly("127.0.0.1:" + upstream.uri().getPort());
    assertThat(seen.get("X-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(seen.get("X-forwarded-proto")).containsExactly("http");
    assertThat(seen.get("X-forwarded-host")).containsExactly("127.0.0.1:" + base.getPort());
    assertThat(upstream.lastTarget.get()).isEqualTo("/x?a=1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void controlCharactersInOriginAreRefusedAndInThePreflightA403(String engine) throws Exception {
    URI base = edge(engine).uri();
    // Caddy (Go's HTTP server) and Apache refuse a control character in any header value with
    // their own 400 before any rule runs.
    boolean strict = engine.equals("caddy") || engine.equals("apache");
    String refusal = strict ? "HTTP/1.1 400" : "HTTP/1.1 403";
    String actual =
        raw(
            base,
            "GET /x HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\u0001\r\nConnection: close\r\n\r\n");
    assertThat(actual).startsWith(strict ? "HTTP/1.1 400" : "HTTP/1.1 200");
    assertThat(actual).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
    String preflight =
        raw(
            base,
            "OPTIONS /x HTTP/1.1\r\nHost: x\r\nOrigin: "
                + APP
                + "\r\nAccess-Control-Request-Method: PU\u007fT\r\nConnection: close\r\n\r\n");
    assertThat(preflight).startsWith(refusal);
    assertThat(preflight).doesNotContainIgnoringCase("Access-Control-Allow-");
    if (!strict) {
      assertThat(preflight).contains("CORS preflight rejected: method malformed");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void webSocketUpgradeFromADisallowedOriginIs403(String engine) throws Exception {
    String r =
        raw(
            edge(engine).uri(),
            "GET /x HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade, close\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 403");
    assertThat(r).contains("WebSocket upgrade refused: origin not allowed by the CORS policy");
    assertThat(r).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void severalPathPoliciesFromYamlFirstMatchWins(String engine) throws Exception {
    Path yaml = Files.createTempFile("corsair-export-", ".yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "policies:",
            "  - paths: /api/public/**",
            "    allowed-origins: '*'",
            "  - paths: /api/**",
            "    allowed-origins: " + APP,
            "    allow-credentials: true",
            "    max-age: 60",
            ""));
    try (Edge e = Edge.start(engine, Map.of(), upstream.uri(), "--config", yaml.toString())) {
      HttpResponse<String> pub = get(e.uri(), "/api/public/a", "Origin", "https://any.example");
      assertThat(pub.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
      HttpResponse<String> priv = get(e.uri(), "/api/me", "Origin", APP);
      assertThat(priv.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
      assertThat(priv.headers().allValues("Access-Control-Allow-Credentials"))
          .containsExactly("true");
      HttpResponse<String> other = get(e.uri(), "/api/me", "Origin", "https://any.example");
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    } finally {
      Files.delete(yaml);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engines")
  void auditFindsNothingAboveLow(String engine) throws Exception {
    URI base = edge(engine).uri();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        AuditCommand.run(
            List.of(base.resolve("/api/me").toString(), "--origin", APP, "--fail-on", "medium"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** Sends a request java.net.http refuses to send; returns what came back until close. */
  static String raw(URI base, String request) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
