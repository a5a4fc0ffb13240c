package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An upstream whose response head is not valid HTTP/1.1 gets a 502 with the CORS headers, and its
 * connection is closed rather than pooled (issue 13, RFC 9110 section 15.6.3).
 */
class MalformedUpstreamIT {
  static final String APP = "https://app.example.com";

  static Stream<Arguments> heads() {
    String ok = "\r\nContent-Length: 2\r\n\r\nok";
    return Stream.of(
        Arguments.of(
            "a header line without a colon", "HTTP/1.1 200 OK\r\nThis line has no colon" + ok),
        Arguments.of("whitespace before the colon", "HTTP/1.1 200 OK\r\nX-Name : v" + ok),
        Arguments.of("a separator in a header name", "HTTP/1.1 200 OK\r\nX(a): v" + ok),
        Arguments.of("a control character in a value", "HTTP/1.1 200 OK\r\nX-A: a\u0001b" + ok),
        Arguments.of("a folded header line", "HTTP/1.1 200 OK\r\nX-A: a\r\n folded" + ok),
        Arguments.of("letters in the status code", "HTTP/1.1 2OO OK\r\nX-A: a" + ok),
        Arguments.of("no HTTP version", "200 OK\r\nX-A: a" + ok),
        Arguments.of("not HTTP at all", "hello there\r\n\r\n"),
        Arguments.of("bare LF line ends", "HTTP/1.1 200 OK\nX-A: a\nContent-Length: 2\n\nok"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("heads")
  void isA502WithCorsHeadersAndTheUpstreamConnectionIsClosed(String name, String response)
      throws Exception {
    try (OneShotUpstream upstream = new OneShotUpstream(response);
        Gateways.Started g =
            Gateways.start(
                Map.of("CORS_ALLOWED_ORIGINS", APP), upstream.uri(), "--access-log", "off")) {
      String r =
          Raw.exchange(
              g.uri(),
              "GET /api HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\r\nConnection: close\r\n\r\n");
      assertThat(Raw.status(r)).isEqualTo(502);
      assertThat(r).contains("Access-Control-Allow-Origin: " + APP);
      assertThat(upstream.closed.await(10, TimeUnit.SECONDS))
          .as("the gateway closed the upstream connection")
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void aValidHeadPasses(String name, String response) throws Exception {
    try (OneShotUpstream upstream = new OneShotUpstream(response);
        Gateways.Started g =
            Gateways.start(
                Map.of("CORS_ALLOWED_ORIGINS", APP), upstream.uri(), "--access-log", "off")) {
      String r =
          Raw.exchange(
              g.uri(),
              "GET /api HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\r\nConnection: close\r\n\r\n");
      assertThat(Raw.status(r)).isEqualTo(200);
      assertThat(r).contains("Access-Control-Allow-Origin: " + APP).endsWith("ok");
    }
  }

  static Stream<Arguments> valid() {
    String ok = "\r\nContent-Length: 2\r\n\r\nok";
    return Stream.of(
        Arguments.of("plain", "HTTP/1.1 200 OK\r\nX-A: a" + ok),
        Arguments.of("no reason phrase", "HTTP/1.1 200 \r\nX-A: a" + ok),
        Arguments.of("empty value and tabs", "HTTP/1.1 200 OK\r\nX-A:\r\nX-B:\ta b\t" + ok),
        Arguments.of(
            "an interim response first",
            "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nX-A: a" + ok));
  }

  /** Answers every connection's first request with a fixed response, then waits for it to close. */
  static final class OneShotUpstream implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final CountDownLatch closed = new CountDownLatch(1);

    OneShotUpstream(String response) throws IOException {
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    s.setSoTimeout(15_000);
                    InputStream in = s.getInputStream();
                    Raw.readHead(in);
                    s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    while (in.read() >= 0) {
                      // a pooled connection stays open: wait for the gateway to close it
                    }
                    closed.countDown();
                  } catch (IOException e) {
                    closed.countDown(); // reset or timeout; the assertion's clock decides
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
