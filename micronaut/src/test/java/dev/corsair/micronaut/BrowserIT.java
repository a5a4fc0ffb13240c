package dev.corsair.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.Chromium;
import dev.corsair.testkit.Loopback;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Headless Chromium on a page at {@code http://127.0.0.1:P1} calls a Micronaut API (its own {@code
 * CorsEngine} bean) at {@code http://127.0.0.1:P2} (another origin) and the test asserts what the
 * page's JavaScript could read: status, body and the exposed header, or a blocked fetch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {
  private HttpServer pageServer;
  private MicronautServer api;
  private Chromium chromium;

  /**
   * One fetch from the page: {@code status} 0 when the browser must block it; {@code total} is what
   * {@code X-Total-Count} reads as.
   */
  record Call(String name, String path, String init, int status, String body, String total) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String JSON = "headers: {'Content-Type': 'application/json'}, body: '{\"n\":1}'";

  static final List<Call> CALLS =
      List.of(
          new Call(
              "simple GET reads body and exposed header", "/api/items", "{}", 200, "items", "42"),
          new Call(
              "PUT with JSON after a preflight",
              "/api/items",
              "{method: 'PUT', " + JSON + "}",
              200,
              "put",
              "42"),
          new Call(
              "credentialed GET", "/api/items", "{credentials: 'include'}", 200, "items", "42"),
          new Call("uncaught exception: 500 readable", "/api/throw", "{}", 500, "", "null"),
          new Call("Micronaut's 404 readable", "/nowhere", "{}", 404, "Not Found", "null"),
          new Call(
              "Micronaut's 405 readable after an allowed preflight",
              "/api/throw",
              "{method: 'PUT'}",
              405,
              "",
              "null"),
          new Call("disallowed origin: GET blocked", "/other/items", "{}", 0, "", null),
          new Call(
              "header not allowed: preflight refused",
              "/api/items",
              "{headers: {'X-Secret': '1'}}",
              0,
              "",
              null));

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "Chromium and chromedriver are not installed");
    pageServer =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(Loopback.HOST), 0), 0);
    byte[] html = PAGE.getBytes(StandardCharsets.UTF_8);
    pageServer.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, html.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(html);
          }
        });
    pageServer.start();
    String page = "http://" + Loopback.HOST + ":" + pageServer.getAddress().getPort();
    api = MicronautServer.start("browser", Map.of("test.page", page));
    chromium = Chromium.start();
    chromium.open(page + "/");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CALLS")
  void pageReadsWhatThePolicyAllows(Call c) {
    String api = this.api.base.toString().replaceAll("/$", "");
    Object r = chromium.run("return call('" + api + c.path() + "', " + c.init() + ");");
    String[] got = String.valueOf(r).split("\n", 3);
    if (c.status() == 0) {
      assertThat(got[0]).as("the fetch is blocked: " + r).isEqualTo("blocked");
      return;
    }
    assertThat(got[0])
        .as("status the page reads (" + r + ")")
        .isEqualTo(String.valueOf(c.status()));
    assertThat(got[1]).as("X-Total-Count the page reads").isEqualTo(c.total());
    assertThat(got[2]).as("body the page reads").contains(c.body());
  }

  /** The page: {@code call(url, init)} resolves to status, X-Total-Count and body, one per line. */
  static final String PAGE =
      """
      <!doctype html>
      <title>corsair Micronaut browser test</title>
      <script>
      async function call(url, init) {
        try {
          const r = await fetch(url, init);
          const body = await r.text();
          return r.status + '\\n' + r.headers.get('X-Total-Count') + '\\n' + body;
        } catch (e) {
          return 'blocked\\n' + e;
        }
      }
      </script>
      """;

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (api != null) {
      api.close();
    }
    if (pageServer != null) {
      pageServer.stop(0);
    }
  }
}
