package dev.corsair.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.UnauthorizedResponse;
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
 * Every way a Javalin application answers besides its endpoints (uncaught and mapped exceptions,
 * {@code HttpResponseException}s, error handlers, Javalin's own 404 and 405, a before-handler that
 * refuses) keeps exactly the policy's CORS headers, and neither the application's own CORS headers
 * nor Javalin's bundled CORS plugin duplicate them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPathsIT {
  static final String APP = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";

  private final AtomicInteger reached = new AtomicInteger();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private JavalinServer server;

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
          new Exchange("endpoint's own answer", "GET", "/api/items", APP, 200, APP),
          new Exchange("uncaught exception: Javalin's 500", "GET", "/api/throw", APP, 500, APP),
          new Exchange(
              "exception mapped by an exception handler", "POST", "/api/mapped", APP, 422, APP),
          new Exchange("BadRequestResponse thrown: 400", "GET", "/api/bad", APP, 400, APP),
          new Exchange("status rendered by an error handler", "GET", "/api/down", APP, 503, APP),
          new Exchange("Javalin's own 404 for an unknown path", "GET", "/nowhere", APP, 404, APP),
          new Exchange(
              "Javalin's own 405 for a wrong method", "DELETE", "/api/items", APP, 405, APP),
          new Exchange(
              "before-handler refusing without credentials: 401",
              "GET",
              "/secure/items",
              APP,
              401,
              APP),
          new Exchange(
              "before-handler registered ahead of the plugin: 401",
              "GET",
              "/early/items",
              APP,
              401,
              APP),
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
    CorsPolicy policy =
        CorsPolicy.builder()
            .allowedOrigins(APP)
            .allowCredentials(true)
            .allowedHeaders("Content-Type", "Authorization")
            .exposedHeaders("X-Total-Count")
            .build();
    server =
        JavalinServer.start(
            config -> {
              config.http.prefer405over404 = true;
              config.routes.before(
                  "/early/*",
                  ctx -> {
                    throw new UnauthorizedResponse();
                  });
              config.registerPlugin(new CorsairPlugin(policy));
              config.routes.before(
                  "/secure/*",
                  ctx -> {
                    if (ctx.header("Authorization") == null) {
                      throw new UnauthorizedResponse();
                    }
                  });
              config.routes.get(
                  "/api/items",
                  ctx -> {
                    reached.incrementAndGet();
                    ctx.header("X-Total-Count", "42").result("items");
                  });
              config.routes.get("/secure/items", ctx -> ctx.result("secret"));
              config.routes.get(
                  "/api/throw",
                  ctx -> {
                    throw new IllegalStateException("boom");
                  });
              config.routes.post(
                  "/api/mapped",
                  ctx -> {
                    throw new IllegalArgumentException("bad input");
                  });
              config.routes.exception(
                  IllegalArgumentException.class,
                  (e, ctx) -> ctx.status(422).result("{\"error\":\"" + e.getMessage() + "\"}"));
              config.routes.get(
                  "/api/bad",
                  ctx -> {
                    throw new BadRequestResponse("no");
                  });
              config.routes.get("/api/down", ctx -> ctx.status(503));
              config.routes.error(503, ctx -> ctx.result("down for maintenance"));
              config.routes.get(
                  "/api/foreign",
                  ctx ->
                      ctx.header("Access-Control-Allow-Origin", "*")
                          .header("Access-Control-Allow-Methods", "GET")
                          .header("Vary", "Accept")
                          .result("foreign"));
            });
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
  void preflightIsAnsweredBeforeTheApplicationsBeforeHandlers() throws Exception {
    int before = reached.get();
    HttpResponse<String> r = preflight(server, "/secure/items", "GET", "authorization");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Headers"))
        .containsExactly("authorization");
    HttpResponse<String> items = preflight(server, "/api/items", "PUT", "content-type");
    assertThat(items.statusCode()).isEqualTo(204);
    assertThat(items.headers().allValues("Access-Control-Allow-Methods")).containsExactly("PUT");
    assertThat(reached.get()).isEqualTo(before);
  }

  @Test
  void refusedPreflightIsA403SayingWhy() throws Exception {
    HttpResponse<String> r = preflight(server, "/api/items", "PUT", "x-secret");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("x-secret");
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void javalinsBundledCorsPluginBesideCorsairAddsNoSecondHeader() throws Exception {
    try (JavalinServer both =
        JavalinServer.start(
            config -> {
              config.registerPlugin(
                  new CorsairPlugin(CorsPolicy.builder().allowedOrigins(APP).build()));
              config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
              config.routes.get("/api/items", ctx -> ctx.result("items"));
            })) {
      HttpResponse<String> allowed = send(both, "GET", "/api/items", APP);
      assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
      assertThat(CaseRunner.varyNames(allowed)).containsExactly("origin");
      HttpResponse<String> refused = send(both, "GET", "/api/items", EVIL);
      assertThat(refused.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
      HttpResponse<String> preflight = preflight(both, "/api/items", "PUT", "x-secret");
      assertThat(preflight.statusCode()).isEqualTo(403);
      assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  private HttpResponse<String> send(JavalinServer s, String method, String path, String origin)
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
      JavalinServer s, String path, String method, String headers) throws Exception {
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
