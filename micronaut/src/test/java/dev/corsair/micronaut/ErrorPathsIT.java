package dev.corsair.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.testkit.CaseRunner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every way a Micronaut application answers besides its routes (uncaught exceptions, {@code @Error}
 * handlers, {@code HttpStatusException}, Micronaut's own 404 and 405) keeps exactly the policy's
 * CORS headers; neither the application's own CORS headers nor {@code micronaut.server.cors}
 * duplicate them; the settings come from {@code application-corsyml.yml}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPathsIT {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private MicronautServer server;

  /** One request and what must come back; {@code allowOrigin} null means the header is absent. */
  record Exchange(
      String name, String method, String path, String origin, int status, String allowOrigin) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Exchange> EXCHANGES =
      List.of(
          new Exchange("route's own answer", "GET", "/api/items", APP, 200, APP),
          new Exchange("uncaught exception: Micronaut's 500", "GET", "/api/throw", APP, 500, APP),
          new Exchange(
              "exception mapped by an @Error handler", "POST", "/api/mapped", APP, 422, APP),
          new Exchange("HttpStatusException: 503", "GET", "/api/down", APP, 503, APP),
          new Exchange("Micronaut's own 404 for an unknown path", "GET", "/nowhere", APP, 404, APP),
          new Exchange(
              "Micronaut's own 405 for a wrong method", "DELETE", "/api/items", APP, 405, APP),
          new Exchange(
              "application's own Access-Control-* replaced", "GET", "/api/foreign", APP, 200, APP),
          new Exchange(
              "disallowed origin: 500 without CORS headers", "GET", "/api/throw", EVIL, 500, null),
          new Exchange(
              "disallowed origin: 404 without CORS headers", "GET", "/nowhere", EVIL, 404, null),
          new Exchange(
              "disallowed origin: application's own header removed",
              "GET",
              "/api/foreign",
              EVIL,
              200,
              null));

  @BeforeAll
  void start() {
    // micronaut.server.cors is on and would allow any origin: corsair's policy alone must apply.
    server =
        MicronautServer.start(
            "errors",
            Map.of(
                "micronaut.server.cors.enabled",
                true,
                "micronaut.server.cors.configurations.all.allowed-origins",
                List.of("*")),
            "corsyml");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("EXCHANGES")
  void keepsExactlyThePolicysHeaders(Exchange e) throws Exception {
    HttpResponse<String> r = send(server, e.method(), e.path(), e.origin());
    assertThat(r.statusCode()).as("status").isEqualTo(e.status());
    List<String> allowOrigin = r.headers().allValues("Access-Control-Allow-Origin");
    if (e.allowOrigin() == null) {
      assertThat(allowOrigin).as("Access-Control-Allow-Origin").isEmpty();
      assertThat(r.headers().allValues("Access-Control-Allow-Credentials")).isEmpty();
    } else {
      assertThat(allowOrigin).as("Access-Control-Allow-Origin").containsExactly(e.allowOrigin());
      assertThat(r.headers().allValues("Access-Control-Allow-Credentials")).containsExactly("true");
      assertThat(r.headers().allValues("Access-Control-Expose-Headers"))
          .containsExactly("X-Total-Count");
    }
    assertThat(r.headers().allValues("Access-Control-Allow-Methods")).isEmpty();
    assertThat(CaseRunner.varyNames(r)).contains("origin").doesNotHaveDuplicates();
  }

  @Test
  void applicationsVaryIsMergedNotReplaced() throws Exception {
    HttpResponse<String> r = send(server, "GET", "/api/foreign", APP);
    assertThat(CaseRunner.varyNames(r)).containsExactly("accept", "origin");
  }

  @Test
  void preflightIsAnsweredByCorsairNotByMicronautsCors() throws Exception {
    int before = ErrorApp.REACHED.get();
    HttpResponse<String> allowed = preflight(server, "/api/items", "PUT", "content-type");
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(allowed.headers().allValues("Access-Control-Allow-Methods")).containsExactly("PUT");
    assertThat(allowed.headers().allValues("Access-Control-Max-Age")).containsExactly("600");
    HttpResponse<String> refused = preflight(server, "/api/items", "PUT", "x-secret");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("x-secret");
    assertThat(refused.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    assertThat(ErrorApp.REACHED.get()).isEqualTo(before);
  }

  @Test
  void listsInYamlAreCommaSeparatedSettings() throws Exception {
    HttpResponse<String> r = send(server, "GET", "/api/items", "http://localhost:5173");
    assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
        .containsExactly("http://localhost:5173");
  }

  @Test
  void invalidSettingStopsStartUpNamingTheSettingAndTheFix() {
    assertThatThrownBy(
            () ->
                MicronautServer.start("errors", Map.of("cors.allowed-origins", "localhost:5173"))
                    .close())
        .hasStackTraceContaining("cors.allowed-origins")
        .hasStackTraceContaining("localhost:5173");
  }

  @Test
  void withoutAllowedOriginsCorsairStaysOff() throws Exception {
    try (MicronautServer off = MicronautServer.start("errors", Map.of())) {
      HttpResponse<String> r = send(off, "GET", "/api/items", "http://localhost:5173");
      assertThat(r.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
      assertThat(CaseRunner.varyNames(r)).doesNotContain("origin");
    }
  }

  private HttpResponse<String> send(MicronautServer s, String method, String path, String origin)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(s.base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .header("Origin", origin)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(
      MicronautServer s, String path, String method, String headers) throws Exception {
    return client.send(
        HttpRequest.newBuilder(s.base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", APP)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }
}
