package dev.corsair.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sends a {@link CorsCase} over real HTTP and checks the response against its expectation. */
public final class CaseRunner {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private CaseRunner() {}

  /**
   * Sends the case's request to {@code base} (e.g. {@code http://127.0.0.1:8080}) and returns the
   * response.
   */
  public static HttpResponse<String> send(URI base, CorsCase c)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(c.path()))
            .timeout(Duration.ofSeconds(10))
            .method(
                c.method(),
                c.method().equals("POST") || c.method().equals("PUT")
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
    for (Map.Entry<String, String> h : c.headers()) {
      b.header(h.getKey(), h.getValue());
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the case and throws an {@link AssertionError} listing every expectation it breaks. */
  public static void run(URI base, CorsCase c) throws IOException, InterruptedException {
    check(c, send(base, c));
  }

  /**
   * Checks a response against the case; throws {@link AssertionError} listing every broken
   * expectation.
   */
  public static void check(CorsCase c, HttpResponse<String> r) {
    List<String> failures = new ArrayList<>();
    CorsCase.Expect e = c.expect();
    if (r.statusCode() != e.status()) {
      failures.add("status " + r.statusCode() + ", expected " + e.status());
    }
    boolean reached = r.headers().firstValue(TestApp.MARKER).isPresent();
    if (reached != e.reachesApp()) {
      failures.add(e.reachesApp() ? "the app was not reached" : "the app was reached");
    }
    for (Map.Entry<String, String> h : e.headers().entrySet()) {
      List<String> values = r.headers().allValues(h.getKey());
      if (values.size() != 1 || !values.get(0).equals(h.getValue())) {
        failures.add(h.getKey() + " = " + values + ", expected exactly [" + h.getValue() + "]");
      }
    }
    for (String h : e.absent()) {
      List<String> values = r.headers().allValues(h);
      if (!values.isEmpty()) {
        failures.add(h + " = " + values + ", expected absent");
      }
    }
    List<String> vary = varyNames(r);
    for (String v : e.varyIncludes()) {
      if (!vary.contains(v.toLowerCase(Locale.ROOT))) {
        failures.add("Vary " + vary + " lacks " + v);
      }
    }
    for (String v : e.varyExcludes()) {
      if (vary.contains(v.toLowerCase(Locale.ROOT))) {
        failures.add("Vary " + vary + " names " + v);
      }
    }
    if (vary.size() != vary.stream().distinct().count()) {
      failures.add("Vary " + vary + " repeats a name");
    }
    if (e.bodyContains() != null && !r.body().contains(e.bodyContains())) {
      failures.add("body " + abbreviate(r.body()) + " lacks '" + e.bodyContains() + "'");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          c.name()
              + ": "
              + String.join("; ", failures)
              + "\n  response headers: "
              + r.headers().map());
    }
  }

  /** Every field name of every {@code Vary} line, lower-cased, in order. */
  public static List<String> varyNames(HttpResponse<?> r) {
    List<String> names = new ArrayList<>();
    for (String line : r.headers().allValues("Vary")) {
      for (String n : line.split(",")) {
        String t = n.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) names.add(t);
      }
    }
    return names;
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? "'" + s.substring(0, 120) + "...'" : "'" + s + "'";
  }
}
