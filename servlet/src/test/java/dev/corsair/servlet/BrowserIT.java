package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import dev.corsair.servlet.Container.Kind;
import dev.corsair.servlet.Container.Webapp;
import dev.corsair.testkit.Chromium;
import dev.corsair.testkit.Loopback;
import dev.corsair.testkit.TestApp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headless Chromium on a page at {@code http://127.0.0.1:P1} calls the API in each container at
 * {@code http://127.0.0.1:P2} (another origin: the port differs) and the test asserts what the
 * page's JavaScript could read: status, body, exposed headers, or a blocked fetch. One Chromium and
 * one page for the whole suite; each container runs one engine with a policy per path prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {
  private static final String BLOCKED = "blocked";

  private HttpServer pageServer;
  private String page;
  private Chromium chromium;
  private final Map<Kind, Container> containers = new EnumMap<>(Kind.class);
  private final Map<Kind, PreflightCounter> counters = new EnumMap<>(Kind.class);

  /**
   * One call from the page.
   *
   * @param name what it shows
   * @param script JavaScript ending in {@code return call(url, init)}; {@code API} is the
   *     container's base URL
   * @param status the status the page reads, or 0 when the browser blocks the response
   * @param body text the page must read in the body
   * @param total what {@code X-Total-Count} reads as (exposed or not), or null when unreadable
   */
  record Combo(String name, String script, int status, String body, String total) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Combo ok(String name, String path, String init, int status, String body, String total) {
    return new Combo(name, "return call(API + '" + path + "', " + init + ");", status, body, total);
  }

  static Combo blocked(String name, String path, String init) {
    return new Combo(name, "return call(API + '" + path + "', " + init + ");", 0, BLOCKED, null);
  }

  static final String JSON = "headers: {'Content-Type': 'application/json'}, body: '{\"n\":1}'";

  static final List<Combo> COMBOS =
      List.of(
          ok(
              "simple GET reads body and exposed header",
              "/b/basic/items",
              "{}",
              200,
              TestApp.BODY,
              "42"),
          ok(
              "JSON POST (preflight)",
              "/b/basic/items?do=echo",
              "{method: 'POST', " + JSON + "}",
              200,
              "\"method\":\"POST\"",
              "42"),
          ok(
              "PUT with JSON (preflight)",
              "/b/basic/items?do=echo",
              "{method: 'PUT', " + JSON + "}",
              200,
              "\"method\":\"PUT\"",
              "42"),
          ok(
              "PATCH (preflight)",
              "/b/basic/items?do=echo",
              "{method: 'PATCH', " + JSON + "}",
              200,
              "\"method\":\"PATCH\"",
              "42"),
          ok(
              "DELETE (preflight)",
              "/b/basic/items?do=echo",
              "{method: 'DELETE'}",
              200,
              "\"method\":\"DELETE\"",
              "42"),
          ok(
              "Authorization header (preflight)",
              "/b/basic/items?do=echo",
              "{headers: {Authorization: 'Bearer t0ken'}}",
              200,
              "Bearer t0ken",
              "42"),
          ok(
              "500 rendered by the app: JSON body readable",
              "/b/basic/items?do=status",
              "{}",
              500,
              "\"error\":\"boom\"",
              null),
          ok(
              "sendError(404): error page readable",
              "/b/basic/items?do=send-error&status=404",
              "{}",
              404,
              "from the error page",
              null),
          ok(
              "uncaught exception: 500 error page readable",
              "/b/basic/items?do=throw",
              "{}",
              500,
              "from the error page",
              null),
          ok(
              "uncaught exception on a JSON POST: 500 readable",
              "/b/basic/items?do=throw",
              "{method: 'POST', " + JSON + "}",
              500,
              "\"status\":500",
              null),
          ok(
              "container's own 404 readable",
              "/missing/page",
              "{}",
              404,
              "from the error page",
              null),
          ok(
              "streamed response (committed early)",
              "/b/basic/items?do=stream",
              "{}",
              200,
              "first part, " + TestApp.BODY,
              null),
          ok("async response", "/b/basic/items?do=async", "{}", 200, "\"async\":true", null),
          ok("async dispatch", "/b/basic/items?do=async-dispatch", "{}", 200, TestApp.BODY, "42"),
          ok("after response.reset()", "/b/basic/items?do=reset", "{}", 200, TestApp.BODY, "42"),
          ok(
              "app's own CORS headers never duplicate ours",
              "/b/basic/items?do=foreign",
              "{}",
              200,
              TestApp.BODY,
              "42"),
          new Combo(
              "credentials: cookie set, then sent back",
              "await call(API + '/b/creds/items?do=set-cookie&value=abc123',"
                  + " {method: 'POST', credentials: 'include'});"
                  + " return call(API + '/b/creds/items?do=echo', {credentials: 'include'});",
              200,
              "session=abc123",
              "42"),
          new Combo(
              "credentials: cookie not sent without credentials: 'include'",
              "await call(API + '/b/creds/items?do=set-cookie&value=abc123',"
                  + " {method: 'POST', credentials: 'include'});"
                  + " return call(API + '/b/creds/items?do=echo', {});",
              200,
              "\"cookie\":null",
              "42"),
          ok(
              "credentials: PUT with preflight",
              "/b/creds/items?do=echo",
              "{method: 'PUT', credentials: 'include', " + JSON + "}",
              200,
              "\"method\":\"PUT\"",
              "42"),
          ok(
              "credentials: 500 readable",
              "/b/creds/items?do=status",
              "{credentials: 'include'}",
              500,
              "boom",
              null),
          ok("any origin: simple GET", "/b/any/items", "{}", 200, TestApp.BODY, "42"),
          ok(
              "any origin: PUT with preflight",
              "/b/any/items?do=echo",
              "{method: 'PUT', " + JSON + "}",
              200,
              "\"method\":\"PUT\"",
              "42"),
          ok(
              "any origin: error page readable",
              "/b/any/items?do=throw",
              "{}",
              500,
              "from the error page",
              null),
          blocked(
              "any origin refuses credentials (* is not enough)",
              "/b/any/items",
              "{credentials: 'include'}"),
          blocked("disallowed origin: simple GET blocked", "/b/other/items", "{}"),
          blocked("disallowed origin: 500 blocked", "/b/other/items?do=status", "{}"),
          blocked(
              "disallowed origin: PUT preflight refused",
              "/b/other/items?do=echo",
              "{method: 'PUT', " + JSON + "}"),
          blocked("method not allowed: DELETE refused", "/b/limited/items", "{method: 'DELETE'}"),
          blocked(
              "header not allowed: X-Custom refused",
              "/b/limited/items",
              "{headers: {'X-Custom': '1'}}"),
          ok(
              "header not exposed: X-Total-Count unreadable",
              "/b/limited/items",
              "{method: 'POST', body: 'text'}",
              200,
              TestApp.BODY,
              null));

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "Chromium and chromedriver are not installed");
    pageServer = Loopback.servePage(PAGE);
    page = "http://" + Loopback.HOST + ":" + pageServer.getAddress().getPort();
    CorsEngine engine = engine(page);
    for (Kind k : Kind.values()) {
      PreflightCounter counter = new PreflightCounter(new CorsFilter(engine));
      counters.put(k, counter);
      containers.put(k, k.start(Webapp.of(counter)));
    }
    chromium = Chromium.start();
    chromium.open(page + "/");
  }

  /** One policy per path prefix; the page's origin is allowed by all but {@code /b/other}. */
  static CorsEngine engine(String page) {
    return CorsEngine.of(
        CorsPolicy.builder()
            .allowedOrigins(page)
            .allowedHeaders("Content-Type", "Authorization")
            .exposedHeaders(App.TOTAL)
            .paths("/b/basic/**", "/missing/**")
            .build(),
        CorsPolicy.builder()
            .allowedOrigins(page)
            .allowCredentials(true)
            .exposedHeaders(App.TOTAL)
            .paths("/b/creds/**")
            .build(),
        CorsPolicy.builder()
            .allowedOrigins("*")
            .exposedHeaders(App.TOTAL)
            .paths("/b/any/**")
            .build(),
        CorsPolicy.builder().allowedOrigins("https://app.example.com").paths("/b/other/**").build(),
        CorsPolicy.builder()
            .allowedOrigins(page)
            .allowedMethods("GET", "POST")
            .paths("/b/limited/**")
            .build(),
        CorsPolicy.builder()
            .allowedOrigins(page)
            .allowedMethods("PUT")
            .maxAge(600)
            .paths("/b/cache/**")
            .build());
  }

  static Stream<Arguments> combos() {
    return Stream.of(Kind.values()).flatMap(k -> COMBOS.stream().map(c -> Arguments.of(k, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("combos")
  void pageReadsWhatThePolicyAllows(Kind kind, Combo c) {
    String[] got = call(kind, c.script());
    if (c.status() == 0) {
      assertThat(got[0]).as("the fetch is blocked: " + String.join(" | ", got)).isEqualTo(BLOCKED);
      return;
    }
    assertThat(got[0])
        .as("status the page reads (" + String.join(" | ", got) + ")")
        .isEqualTo(String.valueOf(c.status()));
    assertThat(got[3]).as("body the page reads").contains(c.body());
    assertThat(got[1]).as("X-Total-Count the page reads").isEqualTo(String.valueOf(c.total()));
    assertThat(got[2]).as("X-App is never exposed").isEqualTo("null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void preflightIsServedFromChromiumCacheWithinMaxAge(Kind kind) {
    String script =
        "const first = await call(API + '/b/cache/items?do=echo', {method: 'PUT', body: '1'});"
            + " if (!first.startsWith('200')) return first;"
            + " return call(API + '/b/cache/items?do=echo', {method: 'PUT', body: '2'});";
    String[] got = call(kind, script);
    assertThat(got[0]).as(String.join(" | ", got)).isEqualTo("200");
    assertThat(got[3]).contains("\"body\":\"2\"");
    assertThat(counters.get(kind).preflights("/b/cache/items"))
        .as("preflights that reached the API for two PUTs within max-age")
        .isEqualTo(1);
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  /** Runs {@code script} in the page; returns status, X-Total-Count, X-App, body. */
  private String[] call(Kind kind, String script) {
    Object r = chromium.run("const API = '" + containers.get(kind).base() + "'; " + script);
    return String.valueOf(r).split("\n", 4);
  }

  /** The page: {@code call(url, init)} resolves to what JavaScript can read, one per line. */
  static final String PAGE =
      """
      <!doctype html>
      <title>corsair browser suite</title>
      <script>
      async function call(url, init) {
        try {
          const r = await fetch(url, init);
          const body = await r.text();
          return r.status + '\\n' + r.headers.get('X-Total-Count') + '\\n'
              + r.headers.get('X-App') + '\\n' + body;
        } catch (e) {
          return 'blocked\\n' + e;
        }
      }
      </script>
      """;

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    containers.values().forEach(Container::close);
    if (pageServer != null) {
      pageServer.stop(0);
    }
  }
}
