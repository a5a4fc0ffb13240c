package dev.corsair.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared case table (testkit {@code CorsCases}) and the error paths over real HTTP, on a plain
 * Spring WebFlux application (no Spring Boot) on Reactor Netty. One server per policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsWebFilterIT {
  private static final String APP = "https://app.example.com";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Map<String, Server> running = new HashMap<>();

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream()
        .sorted(Comparator.comparing(c -> new TreeMap<>(c.policy()).toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(CorsCase c) throws Exception {
    CaseRunner.run(server(c.policy()).base(), c);
  }

  private Server server(Map<String, String> environment) {
    return running.computeIfAbsent(
        new TreeMap<>(environment).toString(),
        k -> new Server(new CorsWebFilter(CorsPolicy.fromEnvironment(environment))));
  }

  private HttpResponse<String> get(String pathAndQuery, String origin) throws Exception {
    URI base = server(Map.of("CORS_ALLOWED_ORIGINS", APP)).base();
    HttpRequest r =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .header("Origin", origin)
            .build();
    return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void exceptionTurnedInto500KeepsTheHeaders() throws Exception {
    HttpResponse<String> r = get("/api/items?do=throw", APP);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(CaseRunner.varyNames(r)).contains("origin");
  }

  @Test
  void notFoundErrorKeepsTheHeaders() throws Exception {
    HttpResponse<String> r = get("/nowhere?do=missing", APP);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
  }

  @Test
  void applicationsOwnCorsHeadersAreReplaced() throws Exception {
    HttpResponse<String> r = get("/api/items?do=foreign", APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void applicationsOwnCorsHeadersAreDroppedForADisallowedOrigin() throws Exception {
    HttpResponse<String> r = get("/api/items?do=foreign", "https://evil.example.net");
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    assertThat(r.headers().allValues("Access-Control-Allow-Methods")).isEmpty();
  }

  @AfterAll
  void stop() {
    running.values().forEach(Server::close);
  }
}
