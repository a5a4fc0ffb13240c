package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.servlet.Container.Kind;
import dev.corsair.servlet.Container.Webapp;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.TestApp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a servlet response can end, in every container: each must carry exactly one {@code
 * Access-Control-Allow-Origin} for an allowed origin (none for a refused one) and a merged {@code
 * Vary} naming {@code Origin} once. The web application runs under the context path {@code /ctx}
 * with {@code cors.paths=/api/**,/missing/**}, so an error dispatch to {@code /error} is only
 * covered when the filter matches the original request's path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPathsIT {
  static final String APP_ORIGIN = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final CorsPolicy POLICY =
      CorsPolicy.builder()
          .allowedOrigins(APP_ORIGIN)
          .exposedHeaders(App.TOTAL)
          .paths("/api/**", "/missing/**")
          .build();

  private final Map<Kind, Container> running = new EnumMap<>(Kind.class);

  /**
   * One way of answering.
   *
   * @param name what the application (or container) does
   * @param method request method
   * @param path request path after the context path
   * @param status the status the client must see
   * @param bodyContains text the body must contain
   * @param appVary whether the application's own {@code Vary: Accept-Encoding} must survive
   */
  record Path(
      String name, String method, String path, int status, String bodyContains, boolean appVary) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Path> PATHS =
      List.of(
          new Path("normal response", "GET", "/api/items", 200, TestApp.BODY, true),
          new Path(
              "sendError(404)", "GET", "/api/items?do=send-error&status=404", 404, "404", false),
          new Path(
              "sendError(500)", "GET", "/api/items?do=send-error&status=500", 500, "500", false),
          new Path("sendError(500) on POST", "POST", "/api/items?do=send-error", 500, "500", false),
          new Path(
              "sendError(500) on DELETE", "DELETE", "/api/items?do=send-error", 500, "", false),
          new Path("uncaught exception", "GET", "/api/items?do=throw", 500, "500", false),
          // Jetty's error handler writes no body for PUT, error page or not.
          new Path("uncaught exception on PUT", "PUT", "/api/items?do=throw", 500, "", false),
          new Path("container's own 404", "GET", "/missing/nothing", 404, "404", false),
          new Path("status 500 rendered by the app", "GET", "/api/x?do=status", 500, "boom", true),
          new Path(
              "committed early (flushBuffer)",
              "GET",
              "/api/x?do=stream",
              200,
              "first part, " + TestApp.BODY,
              true),
          new Path("after response.reset()", "GET", "/api/x?do=reset", 200, TestApp.BODY, true),
          new Path(
              "async, completed on another thread",
              "GET",
              "/api/x?do=async",
              200,
              "\"async\":true",
              true),
          new Path(
              "async, dispatched back to the servlet",
              "GET",
              "/api/x?do=async-dispatch",
              200,
              TestApp.BODY,
              true),
          new Path(
              "async, sendError(503) on another thread",
              "GET",
              "/api/x?do=async-error",
              503,
              "503",
              false),
          new Path(
              "application removes Vary (setHeader null)",
              "GET",
              "/api/x?do=clear-vary",
              200,
              TestApp.BODY,
              false),
          new Path(
              "application sets its own CORS headers",
              "GET",
              "/api/x?do=foreign",
              200,
              TestApp.BODY,
              true));

  static Stream<Arguments> paths() {
    return Stream.of(Kind.values())
        .flatMap(
            k ->
                PATHS.stream()
                    .flatMap(
                        p -> Stream.of(Arguments.of(k, p, APP_ORIGIN), Arguments.of(k, p, EVIL))));
  }

  @ParameterizedTest(name = "{0}: {1} from {2}")
  @MethodSource("paths")
  void corsHeadersSurvive(Kind kind, Path p, String origin) throws Exception {
    Container c =
        running.computeIfAbsent(kind, k -> k.start(Webapp.of(new CorsFilter(POLICY)).at("/ctx")));
    HttpResponse<String> r = send(c, p, origin);

    assertThat(r.statusCode()).as("status").isEqualTo(p.status());
    assertThat(r.body()).as("body").contains(p.bodyContains());
    List<String> acao = r.headers().allValues("Access-Control-Allow-Origin");
    if (origin.equals(APP_ORIGIN)) {
      assertThat(acao).as("Access-Control-Allow-Origin").containsExactly(APP_ORIGIN);
      assertThat(r.headers().allValues("Access-Control-Expose-Headers"))
          .as("Access-Control-Expose-Headers")
          .containsExactly(App.TOTAL);
    } else {
      assertThat(acao).as("Access-Control-Allow-Origin").isEmpty();
      assertThat(r.headers().allValues("Access-Control-Expose-Headers")).isEmpty();
    }
    assertThat(r.headers().map().keySet())
        .as("CORS headers other than the policy's")
        .noneMatch(
            h ->
                h.equalsIgnoreCase("Access-Control-Allow-Credentials")
                    || h.equalsIgnoreCase("Access-Control-Max-Age"));
    List<String> vary = CaseRunner.varyNames(r);
    assertThat(vary).as("Vary").doesNotHaveDuplicates();
    if (!jettyDropsVary(kind, p)) {
      assertThat(vary).as("Vary").containsOnlyOnce("origin");
    }
    if (p.appVary()) {
      assertThat(vary).as("Vary keeps the application's").contains("accept-encoding");
    }
    if (p.name().contains("reset")) {
      assertThat(r.headers().firstValue("X-Before-Reset")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void ownHeadersAreNeverMistakenForAnotherCorsHandler(Kind kind) throws Exception {
    CorsFilter filter = new CorsFilter(POLICY);
    try (Container c = kind.start(Webapp.of(filter).at("/ctx"))) {
      for (Path p : PATHS) {
        if (!p.name().contains("its own CORS headers")) {
          assertThat(send(c, p, APP_ORIGIN).statusCode()).as(p.name()).isEqualTo(p.status());
        }
      }
      assertThat(filter.warnedForeign()).as("warned after error and async dispatches").isFalse();
      send(c, PATHS.get(PATHS.size() - 1), APP_ORIGIN);
      assertThat(filter.warnedForeign()).as("warned once the app set its own").isTrue();
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  /**
   * Jetty answers an error on a method other than GET, POST and HEAD without an error dispatch
   * (error pages are skipped) after removing the content headers, {@code Vary} among them; the CORS
   * headers stay. Such responses are not cacheable, so the missing {@code Vary} is harmless.
   */
  static boolean jettyDropsVary(Kind kind, Path p) {
    return kind == Kind.JETTY && p.status() >= 400 && !List.of("GET", "POST").contains(p.method());
  }

  static HttpResponse<String> send(Container c, Path p, String origin) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(c.uri(p.path()))
            .timeout(Duration.ofSeconds(10))
            .header("Origin", origin)
            .method(
                p.method(),
                p.method().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  void stop() {
    running.values().forEach(Container::close);
  }
}
