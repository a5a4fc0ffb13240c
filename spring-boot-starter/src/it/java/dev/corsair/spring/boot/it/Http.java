package dev.corsair.spring.boot.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Plain HTTP/1.1 calls with the headers a test names, and what the tests read of responses. */
final class Http {
  private static final HttpClient CLIENT = client();

  /**
   * Preflights go over their own connections, as browsers send them (without credentials, so on
   * other sockets than credentialed calls). On Boot 4's reactive stack (Reactor Netty 1.3, Spring
   * Security 7) an authenticated request that follows an {@code OPTIONS} answered by an early web
   * filter on the same keep-alive connection now and then never gets its response, corsair or not
   * (reproduced with a four-line filter answering 204): not what these tests are about.
   */
  private static final HttpClient PREFLIGHTS = client();

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private Http() {}

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code method path} with {@code headers} given as name, value, name, value... */
  static HttpResponse<String> send(URI base, String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return (method.equals("OPTIONS") ? PREFLIGHTS : CLIENT)
        .send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<String> all(HttpResponse<?> r, String name) {
    return r.headers().allValues(name);
  }
}
