package dev.corsair.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One described case of the HTTP behaviour README.md describes: a policy (as {@code CORS_*}
 * settings), a request, and what the response must show. Every front end (JDK filter, servlet
 * filter, gateway) runs the same table over real HTTP against {@link TestApp}.
 *
 * @param name what the case shows, used as the test name
 * @param policy the policy as environment settings
 * @param method request method
 * @param path request path
 * @param headers request headers; a name may repeat (two {@code Origin} lines)
 * @param expect the response
 */
public record CorsCase(
    String name,
    Map<String, String> policy,
    String method,
    String path,
    List<Map.Entry<String, String>> headers,
    Expect expect) {

  @Override
  public String toString() {
    return name;
  }

  /**
   * What the response must show.
   *
   * @param status the status; {@link TestApp#STATUS} when the request reaches the application
   * @param reachesApp whether the application saw the request ({@link TestApp#MARKER} header
   *     present)
   * @param headers response headers that must be present exactly once with exactly this value
   * @param absent response headers that must be absent
   * @param varyIncludes field names the merged {@code Vary} must name
   * @param varyExcludes field names the merged {@code Vary} must not name
   * @param bodyContains text the body must contain, or null
   */
  public record Expect(
      int status,
      boolean reachesApp,
      Map<String, String> headers,
      List<String> absent,
      List<String> varyIncludes,
      List<String> varyExcludes,
      String bodyContains) {}

  static Builder named(String name) {
    return new Builder(name);
  }

  /** A small fluent builder so the table reads as a list of sentences. */
  static final class Builder {
    private final String name;
    private Map<String, String> policy = Map.of();
    private String method = "GET";
    private String path = "/api/items";
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private int status = TestApp.STATUS;
    private boolean reachesApp = true;
    private final Map<String, String> expectHeaders = new LinkedHashMap<>();
    private final List<String> absent = new ArrayList<>();
    private final List<String> varyIncludes = new ArrayList<>();
    private final List<String> varyExcludes = new ArrayList<>();
    private String bodyContains;

    Builder(String name) {
      this.name = name;
    }

    Builder policy(Map<String, String> p) {
      this.policy = p;
      return this;
    }

    Builder request(String method, String path) {
      this.method = method;
      this.path = path;
      return this;
    }

    Builder header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    Builder origin(String origin) {
      return header("Origin", origin);
    }

    /** A preflight: OPTIONS with Origin and Access-Control-Request-Method. */
    Builder preflight(String origin, String method, String requestHeaders) {
      this.method = "OPTIONS";
      header("Origin", origin);
      header("Access-Control-Request-Method", method);
      if (requestHeaders != null) {
        header("Access-Control-Request-Headers", requestHeaders);
      }
      return this;
    }

    Builder answeredWith(int status) {
      this.status = status;
      this.reachesApp = false;
      return this;
    }

    Builder expect(String name, String value) {
      expectHeaders.put(name, value);
      return this;
    }

    Builder absent(String... names) {
      absent.addAll(List.of(names));
      return this;
    }

    Builder noCorsHeaders() {
      return absent(
          "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials",
          "Access-Control-Allow-Methods",
          "Access-Control-Allow-Headers",
          "Access-Control-Expose-Headers",
          "Access-Control-Max-Age",
          "Access-Control-Allow-Private-Network");
    }

    Builder vary(String... names) {
      varyIncludes.addAll(List.of(names));
      return this;
    }

    Builder noVary(String... names) {
      varyExcludes.addAll(List.of(names));
      return this;
    }

    Builder body(String text) {
      this.bodyContains = text;
      return this;
    }

    CorsCase build() {
      return new CorsCase(
          name,
          policy,
          method,
          path,
          List.copyOf(headers),
          new Expect(
              status,
              reachesApp,
              Map.copyOf(expectHeaders),
              List.copyOf(absent),
              List.copyOf(varyIncludes),
              List.copyOf(varyExcludes),
              bodyContains));
    }
  }
}
