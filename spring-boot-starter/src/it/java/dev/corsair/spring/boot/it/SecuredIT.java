package dev.corsair.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.Chromium;
import dev.corsair.testkit.Loopback;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The starter in a secured application ({@link SecuredApp}): Spring Security requires
 * authentication everywhere, and Spring's own CORS is configured every way there is. One
 * application for the whole class; a page on another origin served beside it for Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecuredIT {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";
  static final String AUTH = Http.basic(SecuredApp.USER, SecuredApp.PASSWORD);

  private HttpServer page;
  private String pageOrigin;
  private Boot boot;
  private String startupLog;

  abstract Boot.Stack stack();

  @BeforeAll
  void start() throws Exception {
    page = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
    page.createContext(
        "/",
        ex -> {
          byte[] body =
              "<!doctype html><title>page</title><p>page".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    page.start();
    // Same site as the API (127.0.0.1), another origin (port): the session cookie, SameSite=Lax by
    // default, goes with credentialed fetches, and CORS still applies.
    pageOrigin = "http://" + Loopback.HOST + ":" + page.getAddress().getPort();
    int mark = Output.mark();
    boot =
        Boot.start(
            stack(),
            SecuredApp.class,
            true,
            Map.of(
                "cors.allowed-origins", APP + "," + pageOrigin,
                "cors.allow-credentials", "true",
                "cors.allowed-headers", "Content-Type,X-Requested-With",
                "cors.exposed-headers", "X-Total-Count",
                "management.endpoints.web.exposure.include", "health,cors"),
            Map.of());
    startupLog = Output.since(mark);
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    return Http.send(boot.base, method, path, headers);
  }

  @Test
  void preflightFromAnAllowedOriginIsAnsweredWithoutCredentials() throws Exception {
    HttpResponse<String> r =
        send(
            "OPTIONS",
            "/me",
            "Origin",
            APP,
            "Access-Control-Request-Method",
            "PUT",
            "Access-Control-Request-Headers",
            "x-requested-with");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(Http.all(r, "Access-Control-Allow-Credentials")).containsExactly("true");
    assertThat(Http.all(r, "Access-Control-Allow-Methods")).containsExactly("PUT");
    assertThat(Http.all(r, "Access-Control-Allow-Headers")).containsExactly("x-requested-with");
    assertThat(CaseRunner.varyNames(r)).contains("origin", "access-control-request-method");
  }

  @Test
  void preflightFromADisallowedOriginIs403() throws Exception {
    HttpResponse<String> r =
        send("OPTIONS", "/me", "Origin", EVIL, "Access-Control-Request-Method", "GET");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).isEmpty();
    assertThat(r.body()).contains("origin");
  }

  @Test
  void anonymousCallFromAnAllowedOriginGets401WithTheHeaders() throws Exception {
    HttpResponse<String> r = send("GET", "/me", "Origin", APP);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(Http.all(r, "Access-Control-Allow-Credentials")).containsExactly("true");
    assertThat(CaseRunner.varyNames(r)).contains("origin");
  }

  @Test
  void anonymousCallFromADisallowedOriginGets401WithoutTheHeaders() throws Exception {
    HttpResponse<String> r = send("GET", "/me", "Origin", EVIL);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).isEmpty();
    assertThat(Http.all(r, "Access-Control-Allow-Credentials")).isEmpty();
  }

  @Test
  void authenticatedCallGetsTheHeaders() throws Exception {
    HttpResponse<String> r = send("GET", "/me", "Origin", APP, "Authorization", AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains(SecuredApp.USER);
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(Http.all(r, "Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/boom 500", "/nowhere 404", "/teapot 418"})
  void errorsOfAuthenticatedCallsKeepTheHeaders(String pathAndStatus) throws Exception {
    String[] p = pathAndStatus.split(" ");
    HttpResponse<String> r =
        send("GET", p[0], "Origin", APP, "Authorization", AUTH, "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(Integer.parseInt(p[1]));
    assertThat(Http.all(r, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(CaseRunner.varyNames(r)).contains("origin");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/spring/cross-origin", "/spring/registry", "/me"})
  void springsOwnCorsNeverAddsASecondSet(String path) throws Exception {
    HttpResponse<String> allowed = send("GET", path, "Origin", APP, "Authorization", AUTH);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(Http.all(allowed, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(Http.all(allowed, "Access-Control-Allow-Credentials")).containsExactly("true");
    assertThat(Http.all(allowed, "Access-Control-Expose-Headers")).containsExactly("X-Total-Count");
    assertThat(CaseRunner.varyNames(allowed)).contains("origin").doesNotHaveDuplicates();

    HttpResponse<String> refused = send("GET", path, "Origin", EVIL, "Authorization", AUTH);
    assertThat(Http.all(refused, "Access-Control-Allow-Origin")).isEmpty();
    assertThat(Http.all(refused, "Access-Control-Allow-Credentials")).isEmpty();
    assertThat(Http.all(refused, "Access-Control-Expose-Headers")).isEmpty();

    HttpResponse<String> preflight =
        send("OPTIONS", path, "Origin", APP, "Access-Control-Request-Method", "DELETE");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(Http.all(preflight, "Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(Http.all(preflight, "Access-Control-Allow-Methods")).containsExactly("DELETE");
  }

  @Test
  void startUpWarnsOnceNamingSpringsCorsConfiguration() {
    String marker = "Spring's own CORS configuration is also on";
    assertThat(startupLog.split(Pattern.quote(marker), -1)).hasSize(2);
    String line = startupLog.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
    assertThat(line)
        .contains("WARN")
        .contains("@CrossOrigin on SpringCorsEndpoints.crossOrigin")
        .contains("CorsRegistry mapping [/spring/registry]")
        .contains("CorsConfigurationSource bean 'corsConfigurationSource'")
        .contains("http.cors() in Security")
        .contains(
            stack() == Boot.Stack.SERVLET
                ? "Spring's CorsFilter bean 'springCorsFilter'"
                : "Spring's CorsWebFilter bean 'springCorsWebFilter'");
  }

  @Test
  void actuatorEndpointShowsThePolicyAndRefusalsByReason() throws Exception {
    send("GET", "/me", "Origin", "https://refused.example.org");
    HttpResponse<String> r =
        send("GET", "/actuator/cors", "Authorization", AUTH, "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"allowed-origins\":[\"" + APP + "\",\"" + pageOrigin + "\"]")
        .contains("\"allow-credentials\":true")
        .contains("\"paths\":[\"/**\"]");
    Matcher m = Pattern.compile("\"ORIGIN_NOT_ALLOWED\":(\\d+)").matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isPositive();
  }

  @Test
  void browserOnAnotherOriginLogsInWithACookieAndReadsA401() {
    assumeTrue(Chromium.available(), "Chromium and chromedriver are not installed");
    URI api = boot.base;
    try (Chromium chromium = Chromium.start()) {
      chromium.open(pageOrigin + "/");
      Object result =
          chromium.run(
              "const api = '"
                  + api
                  + "';"
                  + "const json = {credentials: 'include', headers: {'Accept': 'application/json'}};"
                  + "const before = await fetch(api + '/me', json);"
                  + "const login = await fetch(api + '/login', {method: 'POST', credentials:"
                  + " 'include', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                  + " body: 'username="
                  + SecuredApp.USER
                  + "&password="
                  + SecuredApp.PASSWORD
                  + "'});"
                  // A custom header: Chromium sends a preflight, without the cookie.
                  + "const after = await fetch(api + '/me', {credentials: 'include', headers:"
                  + " {'Accept': 'application/json', 'X-Requested-With': 'fetch'}});"
                  + "return before.status + ' ' + login.status + ' ' + after.status + ' '"
                  + " + await after.text();");
      assertThat(result)
          .as("anonymous 401 read by the page, login 204, then the user's own data")
          .isEqualTo("401 204 200 {\"user\":\"" + SecuredApp.USER + "\"}");
    }
  }

  @AfterAll
  void stop() {
    if (boot != null) {
      boot.close();
    }
    if (page != null) {
      page.stop(0);
    }
  }
}
