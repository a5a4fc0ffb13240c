package dev.corsair.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import dev.corsair.jdkhttp.CorsHttpFilter;
import dev.corsair.testkit.TestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** corsair's own JDK filter, under valid policies, through the audit. */
class CorsairFilterAuditTest {
  private static final String TRUSTED = "https://app.trusted.example";

  /** Valid policies a careful user writes: nothing above low. */
  static Stream<Arguments> safePolicies() {
    return Stream.of(
        Arguments.of(
            "strict list", Map.of("CORS_ALLOWED_ORIGINS", TRUSTED), TRUSTED, "/", Set.of()),
        Arguments.of(
            "strict list with credentials",
            Map.of("CORS_ALLOWED_ORIGINS", TRUSTED, "CORS_ALLOW_CREDENTIALS", "true"),
            TRUSTED,
            "/",
            Set.of()),
        Arguments.of(
            "several origins, credentials, exposed headers, max-age",
            Map.of(
                "CORS_ALLOWED_ORIGINS",
                TRUSTED + ",https://admin.trusted.example,http://localhost:5173",
                "CORS_ALLOW_CREDENTIALS",
                "true",
                "CORS_EXPOSED_HEADERS",
                "X-Total-Count",
                "CORS_MAX_AGE",
                "600"),
            TRUSTED,
            "/",
            Set.of()),
        Arguments.of(
            "any method and header, credentials, private network, preflight 200",
            Map.of(
                "CORS_ALLOWED_ORIGINS", TRUSTED,
                "CORS_ALLOWED_METHODS", "*",
                "CORS_ALLOWED_HEADERS", "*",
                "CORS_ALLOW_CREDENTIALS", "true",
                "CORS_ALLOW_PRIVATE_NETWORK", "true",
                "CORS_PREFLIGHT_STATUS", "200"),
            TRUSTED,
            "/",
            Set.of()),
        Arguments.of(
            "public API",
            Map.of(
                "CORS_ALLOWED_ORIGINS", "*",
                "CORS_ALLOWED_METHODS", "*",
                "CORS_ALLOWED_HEADERS", "*"),
            TRUSTED,
            "/",
            Set.of()),
        Arguments.of(
            "public API with default methods",
            Map.of("CORS_ALLOWED_ORIGINS", "*"),
            TRUSTED,
            "/",
            Set.of()),
        Arguments.of(
            "loopback dev server with credentials",
            Map.of(
                "CORS_ALLOWED_ORIGINS", "http://localhost:5173", "CORS_ALLOW_CREDENTIALS", "true"),
            "http://localhost:5173",
            "/",
            Set.of()),
        Arguments.of(
            "loopback port pattern",
            Map.of("CORS_ALLOWED_ORIGINS", "http://localhost:*"),
            "http://localhost:5173",
            "/",
            Set.of()),
        Arguments.of(
            "policy on a path",
            Map.of("CORS_ALLOWED_ORIGINS", TRUSTED, "CORS_PATHS", "/api/**"),
            TRUSTED,
            "/api/users",
            Set.of()),
        Arguments.of(
            "subdomain pattern without credentials",
            Map.of("CORS_ALLOWED_ORIGINS", "https://*.trusted.example"),
            TRUSTED,
            "/",
            Set.of("arbitrary-subdomain-trusted:low")));
  }

  /** Valid policies that knowingly trust a risky origin: the audit names the risk. */
  static Stream<Arguments> riskyPolicies() {
    return Stream.of(
        Arguments.of(
            "null listed",
            Map.of("CORS_ALLOWED_ORIGINS", TRUSTED + ",null"),
            TRUSTED,
            "/",
            Set.of("null-origin-allowed:medium")),
        Arguments.of(
            "http twin listed",
            Map.of("CORS_ALLOWED_ORIGINS", TRUSTED + ",http://app.trusted.example"),
            TRUSTED,
            "/",
            Set.of("insecure-origin-trusted:medium")),
        Arguments.of(
            "codepen listed",
            Map.of("CORS_ALLOWED_ORIGINS", TRUSTED + ",https://codepen.io"),
            TRUSTED,
            "/",
            Set.of("third-party-origin-trusted:medium")),
        Arguments.of(
            "subdomain pattern with credentials",
            Map.of(
                "CORS_ALLOWED_ORIGINS",
                "https://*.trusted.example",
                "CORS_ALLOW_CREDENTIALS",
                "true"),
            TRUSTED,
            "/",
            Set.of("arbitrary-subdomain-trusted:medium")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("safePolicies")
  void safePolicyHasNoFindingAboveLow(
      String name, Map<String, String> env, String trusted, String path, Set<String> expected)
      throws IOException {
    Auditor.Result r = auditFilter(env, trusted, path);
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(ids(r)).as(Reports.human(r, Severity.LOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("riskyPolicies")
  void riskyPolicyIsReported(
      String name, Map<String, String> env, String trusted, String path, Set<String> expected)
      throws IOException {
    Auditor.Result r = auditFilter(env, trusted, path);
    assertThat(ids(r)).as(Reports.human(r, Severity.LOW)).isEqualTo(expected);
  }

  private static Set<String> ids(Auditor.Result r) {
    return r.findings().stream()
        .map(f -> f.id() + ":" + f.severity().label())
        .collect(Collectors.toSet());
  }

  private static Auditor.Result auditFilter(Map<String, String> env, String trusted, String path)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server
        .createContext(
            "/",
            ex -> {
              byte[] body = TestApp.BODY.getBytes(StandardCharsets.UTF_8);
              ex.getResponseHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
              ex.getResponseHeaders().set("Vary", TestApp.VARY);
              ex.sendResponseHeaders(TestApp.STATUS, body.length);
              ex.getResponseBody().write(body);
              ex.close();
            })
        .getFilters()
        .add(
            new CorsHttpFilter(
                CorsEngine.builder()
                    .policy(CorsPolicy.fromEnvironment(env))
                    .logRejectionsAt(System.Logger.Level.DEBUG)
                    .build()));
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
      Prober prober = new Prober(1000, Duration.ofSeconds(5), "corsair-audit/test");
      return new Auditor(prober).audit(url, TrustedOrigin.parse(trusted));
    } finally {
      server.stop(0);
    }
  }
}
