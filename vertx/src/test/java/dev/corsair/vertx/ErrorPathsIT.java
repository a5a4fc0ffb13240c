package dev.corsair.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every way a Vert.x Web application answers besides its handlers (uncaught exception, {@code
 * ctx.fail}, failure and error handlers, the router's 404 and 405) keeps exactly the policy's CORS
 * headers, and an application's or Vert.x's own CORS headers never duplicate them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPathsIT {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";

  private final AtomicInteger reachedItems = new AtomicInteger();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private VertxServer server;

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
          new Exchange("handler's own answer", "GET", "/api/items", APP, 200, APP),
          new Exchange("handler that throws: 500", "GET", "/api/throw", APP, 500, APP),
          new Exchange(
              "ctx.fail(503) rendered by router.errorHandler", "GET", "/api/fail", APP, 503, APP),
          new Exchange(
              "exception answered by a route's failureHandler", "POST", "/api/json", APP, 422, APP),
          new Exchange("router's own 404 for an unknown path", "GET", "/nowhere", APP, 404, APP),
          new Exchange(
              "router's own 405 for a wrong method", "DELETE", "/api/items", APP, 405, APP),
          new Exchange(
              "application's own Access-Control-* replaced", "GET", "/api/foreign", APP, 200, APP),
          new Exchange(
              "Vert.x CorsHandler behind corsair adds no second header",
              "GET",
              "/vx/items",
              APP,
              200,
              APP),
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
  void start() throws Exception {
    CorsPolicy policy =
        CorsPolicy.builder()
            .allowedOrigins(APP)
            .allowCredentials(true)
            .exposedHeaders("X-Total-Count")
            .build();
    server =
        VertxServer.start(
            router -> {
              router.route().handler(CorsHandler.of(policy));
              router
                  .get("/api/items")
                  .handler(
                      ctx -> {
                        reachedItems.incrementAndGet();
                        ctx.response().putHeader("X-Total-Count", "42").end("items");
                      });
              router
                  .get("/api/throw")
                  .handler(
                      ctx -> {
                        throw new IllegalStateException("boom");
                      });
              router.get("/api/fail").handler(ctx -> ctx.fail(503));
              router.errorHandler(
                  503, ctx -> ctx.response().setStatusCode(503).end("{\"down\":1}"));
              router
                  .post("/api/json")
                  .handler(
                      ctx -> {
                        throw new IllegalArgumentException("bad input");
                      })
                  .failureHandler(
                      ctx ->
                          ctx.response()
                              .setStatusCode(422)
                              .putHeader("Content-Type", "application/json")
                              .end("{\"error\":\"" + ctx.failure().getMessage() + "\"}"));
              router
                  .get("/api/foreign")
                  .handler(
                      ctx ->
                          ctx.response()
                              .putHeader("Access-Control-Allow-Origin", "*")
                              .putHeader("Access-Control-Allow-Methods", "GET")
                              .putHeader("Vary", "Accept")
                              .end("foreign"));
              router
                  .route("/vx/*")
                  .handler(
                      io.vertx.ext.web.handler.CorsHandler.create()
                          .addOrigin(APP)
                          .allowCredentials(true));
              router.get("/vx/items").handler(ctx -> ctx.response().end("vx"));
            });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("EXCHANGES")
  void keepsExactlyThePolicysHeaders(Exchange e) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(server.base.resolve(e.path()))
                .timeout(Duration.ofSeconds(20))
                .method(e.method(), HttpRequest.BodyPublishers.ofString("{}"))
                .header("Origin", e.origin())
                .build(),
            HttpResponse.BodyHandlers.ofString());
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
    List<String> vary = CaseRunner.varyNames(r);
    assertThat(vary).contains("origin").doesNotHaveDuplicates();
  }

  @Test
  void applicationsVaryIsMergedNotReplaced() throws Exception {
    HttpResponse<String> r = get("/api/foreign", APP);
    assertThat(CaseRunner.varyNames(r)).containsExactly("accept", "origin");
  }

  @Test
  void preflightIsAnsweredWithoutReachingTheRoute() throws Exception {
    int before = reachedItems.get();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(server.base.resolve("/api/items"))
                .timeout(Duration.ofSeconds(20))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Methods")).containsExactly("PUT");
    assertThat(r.headers().allValues("Access-Control-Allow-Headers"))
        .containsExactly("content-type");
    assertThat(reachedItems.get()).isEqualTo(before);
  }

  @Test
  void refusedPreflightIsA403SayingWhy() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(server.base.resolve("/api/items"))
                .timeout(Duration.ofSeconds(20))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "x-secret")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("x-secret");
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
  }

  private HttpResponse<String> get(String path, String origin) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("Origin", origin)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
