package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.testkit.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Preflights answered ahead of Netty's decoder ({@link PreflightShortcut}) get the very bytes and
 * access-log line the full path gives them, and the shortcut only takes a request when the decoder
 * holds nothing. The full path is reached with a leading empty line, which the decoder skips and
 * the shortcut leaves to it.
 */
class PreflightShortcutIT {
  static final String APP = "https://app.example.com";
  static final Map<String, String> POLICY =
      Map.of(
          "CORS_ALLOWED_ORIGINS", APP,
          "CORS_ALLOWED_METHODS", "GET,PUT",
          "CORS_ALLOWED_HEADERS", "content-type,x-a",
          "CORS_MAX_AGE", "600",
          "CORS_PATHS", "/api/**");

  static Backend backend;
  static Gateways.Started gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend();
    gateway = Gateways.start(POLICY, backend.uri(), "--max-requests-per-connection", "8");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    backend.close();
  }

  static String preflight(String path, String... lines) {
    StringBuilder b = new StringBuilder("OPTIONS " + path + " HTTP/1.1\r\nHost: gw\r\n");
    for (String l : lines) {
      b.append(l).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  static Stream<Arguments> answers() {
    String origin = "Origin: " + APP;
    String put = "Access-Control-Request-Method: PUT";
    return Stream.of(
        Arguments.of("allowed", 204, preflight("/api/items", origin, put)),
        Arguments.of(
            "allowed with headers and a query",
            204,
            preflight(
                "/api/items?page=2",
                "Connection: keep-alive",
                origin,
                put,
                "Access-Control-Request-Headers: content-type,x-a")),
        Arguments.of(
            "origin refused", 403, preflight("/api/items", "Origin: https://evil.example", put)),
        Arguments.of(
            "origin malformed", 403, preflight("/api/items", "Origin: not-an-origin", put)),
        Arguments.of("origin null", 403, preflight("/api/items", "Origin: null", put)),
        Arguments.of(
            "method refused",
            403,
            preflight("/api/items", origin, "Access-Control-Request-Method: DELETE")),
        Arguments.of(
            "method empty", 403, preflight("/api/items", origin, "Access-Control-Request-Method:")),
        Arguments.of(
            "header refused",
            403,
            preflight("/api/items", origin, put, "Access-Control-Request-Headers: x-b")),
        Arguments.of(
            "private network not allowed",
            403,
            preflight("/api/items", origin, put, "Access-Control-Request-Private-Network: true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void answers(String name, int status, String request) throws Exception {
    String path = "/api/" + name.replace(' ', '-'); // names this case's access-log lines
    request = request.replace(" /api/items", " " + path);
    long early = early();
    String shortcut = exchangeAlone(request);
    assertThat(early()).as("answered ahead of the decoder").isEqualTo(early + 1);
    String full = exchangeAlone("\r\n" + request);
    assertThat(early()).as("answered by the full path").isEqualTo(early + 1);

    assertThat(status(shortcut)).isEqualTo(status);
    assertThat(shortcut).isEqualTo(full);
    List<String> lines = logLinesFor(path, 2);
    assertThat(lines.get(0)).isEqualTo(lines.get(1)).contains("\"status\":" + status);
  }

  @Test
  void aPathOutsideEveryPolicyIsProxied() throws Exception {
    long early = early();
    String r =
        exchangeAlone(preflight("/other", "Origin: " + APP, "Access-Control-Request-Method: PUT"));
    assertThat(status(r)).isEqualTo(200);
    assertThat(r).containsIgnoringCase(TestApp.MARKER + ": " + TestApp.MARKER_VALUE);
    assertThat(early()).isEqualTo(early);
  }

  @Test
  void theShortcutWaitsUntilTheDecoderGotAWholeHeadLast() throws Exception {
    String pre = preflight("/api/items", "Origin: " + APP, "Access-Control-Request-Method: PUT");
    try (Connection c = new Connection(gateway.uri())) {
      long early = early();
      assertThat(status(c.exchange(pre))).isEqualTo(204);
      assertThat(early()).isEqualTo(early + 1);

      assertThat(status(c.exchange("GET /api/items HTTP/1.1\r\nHost: gw\r\n\r\n"))).isEqualTo(200);
      assertThat(status(c.exchange(pre))).isEqualTo(204);
      assertThat(early()).as("resumed after the GET").isEqualTo(early + 2);

      assertThat(
              status(
                  c.exchange("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 3\r\n\r\nabc")))
          .isEqualTo(200);
      String after = c.exchange(pre);
      assertThat(status(after)).isEqualTo(204);
      assertThat(after).contains("Access-Control-Allow-Origin: " + APP);
      assertThat(early()).as("not after a body that ends the read").isEqualTo(early + 2);

      c.send(pre.substring(0, 20));
      Thread.sleep(200); // a head in two reads
      assertThat(status(c.exchange(pre.substring(20)))).isEqualTo(204);
      assertThat(early()).as("not for a head in two reads").isEqualTo(early + 2);
      assertThat(status(c.exchange(pre))).isEqualTo(204);
      assertThat(early()).as("resumed after a whole head").isEqualTo(early + 3);
    }
  }

  @Test
  void aBodyThatLooksLikeAPreflightIsTheBody() throws Exception {
    String body = preflight("/api/items", "Origin: " + APP, "Access-Control-Request-Method: PUT");
    try (Connection c = new Connection(gateway.uri())) {
      long early = early();
      c.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length() + "\r\n\r\n");
      Thread.sleep(200); // the head and the body arrive as two reads
      String r = c.exchange(body);
      assertThat(status(r)).isEqualTo(200);
      assertThat(r).endsWith(String.valueOf(body.length()));
      assertThat(early()).isEqualTo(early);
      assertThat(status(c.exchange(body))).as("the next request").isEqualTo(204);
    }
  }

  @Test
  void afterAWebSocketUpgradeThePreflightLookingBytesAreFrames() throws Exception {
    try (WsEcho echo = new WsEcho();
        Gateways.Started g = Gateways.start(POLICY, echo.uri());
        Connection c = new Connection(g.uri())) {
      String upgraded =
          c.exchange(
              "GET /ws HTTP/1.1\r\nHost: gw\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  + "Origin: "
                  + APP
                  + "\r\n\r\n");
      assertThat(status(upgraded)).isEqualTo(101);
      c.send(preflight("/api/items", "Origin: " + APP, "Access-Control-Request-Method: PUT"));
      assertThat(c.rest()).doesNotContain("HTTP/1.1");
      assertThat(g.running.server.preflightsAnsweredEarly()).isZero();
    }
  }

  @Test
  void theLastRequestAConnectionMayServeGoesTheFullWayAndClosesIt() throws Exception {
    String pre = preflight("/api/items", "Origin: " + APP, "Access-Control-Request-Method: PUT");
    try (Connection c = new Connection(gateway.uri())) {
      long early = early();
      for (int i = 1; i < 8; i++) {
        assertThat(c.exchange(pre)).doesNotContainIgnoringCase("connection: close");
      }
      assertThat(early()).isEqualTo(early + 7);
      String last = c.exchange(pre);
      assertThat(status(last)).isEqualTo(204);
      assertThat(last).containsIgnoringCase("connection: close");
      assertThat(early()).isEqualTo(early + 7);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void preflightsSentTogetherAreAnsweredInOrder() throws Exception {
    String allowed = preflight("/api/a", "Origin: " + APP, "Access-Control-Request-Method: PUT");
    String refused =
        preflight("/api/b", "Origin: https://evil.example", "Access-Control-Request-Method: PUT");
    try (Connection c = new Connection(gateway.uri())) {
      c.send(allowed + refused);
      String first = c.response();
      String second = c.response();
      assertThat(status(first)).isEqualTo(204);
      assertThat(first).contains("Access-Control-Allow-Origin: " + APP);
      assertThat(status(second)).isEqualTo(403);
      assertThat(second).doesNotContain("Access-Control-Allow-Origin");
    }
  }

  private static long early() {
    return gateway.running.server.preflightsAnsweredEarly();
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  private static String exchangeAlone(String request) throws IOException {
    try (Connection c = new Connection(gateway.uri())) {
      return c.exchange(request);
    }
  }

  /** The {@code n} access-log lines of {@code path}, without their times, once written. */
  private static List<String> logLinesFor(String path, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<String> lines = new ArrayList<>();
      for (String l : gateway.log().split("\n")) {
        if (l.startsWith("{\"time\"") && l.contains("\"path\":\"" + path + "\"")) {
          lines.add(l.replaceAll("\"time\":\"[^\"]*\"|\"ms\":[0-9.]*", ""));
        }
      }
      if (lines.size() >= n) {
        return lines;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the access log did not get " + n + " lines for " + path);
  }

  /** One client connection that reads one response at a time (Content-Length bodies only). */
  static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Connection(URI base) throws IOException {
      socket = new Socket(base.getHost(), base.getPort());
      socket.setSoTimeout(5000);
      in = socket.getInputStream();
    }

    void send(String request) throws IOException {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    String exchange(String request) throws IOException {
      send(request);
      return response();
    }

    /** The next whole response on the connection. */
    String response() throws IOException {
      byte[] buf = new byte[8192];
      while (true) {
        String got = pending.toString(StandardCharsets.ISO_8859_1);
        int end = got.indexOf("\r\n\r\n");
        if (end >= 0) {
          int length = contentLength(got.substring(0, end));
          int total = end + 4 + length;
          if (got.length() >= total) {
            pending.reset();
            pending.write(
                got.substring(total).getBytes(StandardCharsets.ISO_8859_1),
                0,
                got.length() - total);
            return got.substring(0, total);
          }
        }
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("closed before a whole response: " + got);
        }
        pending.write(buf, 0, n);
      }
    }

    /** What arrives until the server closes or pauses for a second. */
    String rest() throws IOException {
      socket.setSoTimeout(1000);
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          pending.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // paused
      }
      return pending.toString(StandardCharsets.ISO_8859_1);
    }

    boolean closedByServer() throws IOException {
      return in.read() < 0;
    }

    private static int contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
