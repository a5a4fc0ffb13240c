package dev.corsair.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsPolicy;
import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.CorsCase;
import dev.corsair.testkit.CorsCases;
import dev.corsair.testkit.TestApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared case table and the error paths, over real HTTP against a JDK HttpServer. */
class CorsHttpFilterTest {

  static Stream<CorsCase> cases() {
    return CorsCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sharedCase(CorsCase c) throws Exception {
    try (Server s =
        new Server(CorsPolicy.fromEnvironment(c.policy()), CorsHttpFilterTest::testApp)) {
      CaseRunner.run(s.base, c);
    }
  }

  static void testApp(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().set(TestApp.MARKER, TestApp.MARKER_VALUE);
    ex.getResponseHeaders().set("Vary", TestApp.VARY);
    send(ex, TestApp.STATUS, TestApp.BODY);
  }

  static final Map<String, String> POLICY =
      Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com", "CORS_ALLOW_CREDENTIALS", "true");

  @Test
  void handlerThatThrowsGetsA500WithCorsHeaders() throws Exception {
    try (Server s =
        new Server(
            CorsPolicy.fromEnvironment(POLICY),
            ex -> {
              throw new IllegalStateException("boom");
            })) {
      HttpResponse<String> r = get(s, "https://app.example.com");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
          .containsExactly("https://app.example.com");
      assertThat(r.headers().allValues("Access-Control-Allow-Credentials")).containsExactly("true");
      assertThat(CaseRunner.varyNames(r)).contains("origin");
    }
  }

  @Test
  void errorStatusFromTheHandlerKeepsCorsHeaders() throws Exception {
    try (Server s =
        new Server(
            CorsPolicy.fromEnvironment(POLICY), ex -> send(ex, 503, "{\"error\":\"down\"}"))) {
      HttpResponse<String> r = get(s, "https://app.example.com");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("{\"error\":\"down\"}");
      assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
          .containsExactly("https://app.example.com");
    }
  }

  @Test
  void applicationsOwnCorsHeadersAreReplacedNeverDuplicated() throws Exception {
    try (Server s =
        new Server(
            CorsPolicy.fromEnvironment(POLICY),
            ex -> {
              ex.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
              ex.getResponseHeaders().add("Access-Control-Allow-Methods", "GET");
              ex.getResponseHeaders().set("Vary", "Accept");
              send(ex, 200, "ok");
            })) {
      HttpResponse<String> r = get(s, "https://app.example.com");
      assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
          .containsExactly("https://app.example.com");
      assertThat(r.headers().allValues("Access-Control-Allow-Methods")).isEmpty();
      assertThat(CaseRunner.varyNames(r)).containsExactly("accept", "origin");
      HttpResponse<String> refused = get(s, "https://evil.example.net");
      assertThat(refused.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void preflightNeverReachesTheHandler() throws Exception {
    int[] calls = {0};
    try (Server s =
        new Server(
            CorsPolicy.fromEnvironment(POLICY),
            ex -> {
              calls[0]++;
              send(ex, 200, "ok");
            })) {
      HttpRequest req =
          HttpRequest.newBuilder(s.base.resolve("/api"))
              .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
              .header("Origin", "https://app.example.com")
              .header("Access-Control-Request-Method", "DELETE")
              .build();
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.headers().allValues("Access-Control-Allow-Methods")).containsExactly("DELETE");
      assertThat(calls[0]).isZero();
    }
  }

  static HttpResponse<String> get(Server s, String origin) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(s.base.resolve("/api")).header("Origin", origin).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** A JDK HttpServer on 127.0.0.1 with the filter on "/". */
  static final class Server implements AutoCloseable {
    final HttpServer server;
    final URI base;

    Server(CorsPolicy policy, HttpHandler handler) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      server.createContext("/", handler).getFilters().addAll(List.of(new CorsHttpFilter(policy)));
      server.start();
      base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
