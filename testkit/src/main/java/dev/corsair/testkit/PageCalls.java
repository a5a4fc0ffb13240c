package dev.corsair.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Headless Chromium on a page at one loopback origin calling an API at another, as the framework
 * adapters' browser tests do: the shared calls, the policy they expect and what the page's
 * JavaScript could read (status, {@code X-Total-Count}, body, or a blocked fetch).
 */
public final class PageCalls implements AutoCloseable {

  /**
   * One fetch from the page: {@code status} 0 when the browser must block it; {@code total} is what
   * {@code X-Total-Count} reads as.
   */
  public record Call(String name, String path, String init, int status, String body, String total) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What the page read: {@code status} is {@code "blocked"} for a blocked fetch. */
  public record Read(String status, String total, String body, String raw) {}

  static final String JSON = "headers: {'Content-Type': 'application/json'}, body: '{\"n\":1}'";

  /**
   * The calls every adapter's API answers: {@code /api/items} (GET and PUT, exposing {@code
   * X-Total-Count: 42}), {@code /api/throw} (GET throws), {@code /other/items} (another policy);
   * {@code framework} names the 404 and 405 calls, whose 404 body contains {@code notFoundBody}.
   */
  public static List<Call> calls(String framework, String notFoundBody) {
    return List.of(
        new Call(
            "simple GET reads body and exposed header", "/api/items", "{}", 200, "items", "42"),
        new Call(
            "PUT with JSON after a preflight",
            "/api/items",
            "{method: 'PUT', " + JSON + "}",
            200,
            "put",
            "42"),
        new Call("credentialed GET", "/api/items", "{credentials: 'include'}", 200, "items", "42"),
        new Call("uncaught exception: 500 readable", "/api/throw", "{}", 500, "", "null"),
        new Call(framework + "'s 404 readable", "/nowhere", "{}", 404, notFoundBody, "null"),
        new Call(
            framework + "'s 405 readable after an allowed preflight",
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
  }

  /**
   * The policies the calls expect: {@code /other/**} only for {@code https://app.example.com};
   * everything else for the page's origin, GET and PUT, credentials, {@code X-Total-Count} exposed.
   */
  public static CorsEngine engine(String pageOrigin) {
    return CorsEngine.of(
        CorsPolicy.builder().allowedOrigins("https://app.example.com").paths("/other/**").build(),
        CorsPolicy.builder()
            .allowedOrigins(pageOrigin)
            .allowedMethods("GET", "PUT")
            .allowCredentials(true)
            .exposedHeaders("X-Total-Count")
            .build());
  }

  /** The page: {@code call(url, init)} resolves to status, X-Total-Count and body, one per line. */
  static final String PAGE =
      """
      <!doctype html>
      <title>corsair browser test</title>
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

  private final HttpServer pageServer;
  private Chromium chromium;

  private PageCalls() throws IOException {
    pageServer = Loopback.servePage(PAGE);
  }

  /** Serves the page on a free loopback port; {@link #open()} then loads it in Chromium. */
  public static PageCalls serve() throws IOException {
    return new PageCalls();
  }

  /** The page's origin, {@code http://127.0.0.1:PORT}. */
  public String origin() {
    return "http://" + Loopback.HOST + ":" + pageServer.getAddress().getPort();
  }

  /** Starts headless Chromium on the page. */
  public void open() {
    chromium = Chromium.start();
    chromium.open(origin() + "/");
  }

  /** Runs {@code c} from the page against the API at {@code api} and returns what it read. */
  public Read read(Call c, URI api) {
    String base = api.toString().replaceAll("/$", "");
    Object r = chromium.run("return call('" + base + c.path() + "', " + c.init() + ");");
    String raw = String.valueOf(r);
    String[] got = raw.split("\n", 3);
    return new Read(got[0], got.length > 1 ? got[1] : null, got.length > 2 ? got[2] : null, raw);
  }

  @Override
  public void close() {
    if (chromium != null) {
      chromium.close();
    }
    pageServer.stop(0);
  }
}
