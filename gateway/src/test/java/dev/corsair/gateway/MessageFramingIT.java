package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How relayed messages are framed: a response of known length reaches the client whole however the
 * upstream splits it (the gateway sends a head together with a body that arrives with it), a
 * response cut short is never completed, and a request without a body reaches the upstream as its
 * head alone.
 */
class MessageFramingIT {
  static final String APP = "https://app.example.com";
  static final String CLOSE = "<close>";
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
  static final String GET = "GET /api HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\r\n\r\n";

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of("head and body in one write", List.of(HEAD + "hello")),
        Arguments.of("the head, then the body", List.of(HEAD, "hello")),
        Arguments.of("the body in two parts", List.of(HEAD + "he", "llo")),
        Arguments.of(
            "the head in two parts", List.of(HEAD.substring(0, 20), HEAD.substring(20), "hello")),
        Arguments.of(
            "a body larger than a socket read",
            List.of("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "x".repeat(200_000))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splits")
  void aResponseOfKnownLengthArrivesWholeTwiceOnOneConnection(String name, List<String> parts)
      throws Exception {
    String body = String.join("", parts).substring(String.join("", parts).indexOf("\r\n\r\n") + 4);
    try (ScriptedUpstream upstream = new ScriptedUpstream(request -> parts);
        Gateways.Started g = start(upstream);
        Socket client = connect(g.uri())) {
      for (int i = 0; i < 2; i++) {
        send(client, GET);
        String head = Raw.readHead(client.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200").contains("Access-Control-Allow-Origin: " + APP);
        assertThat(readExactly(client.getInputStream(), body.length())).isEqualTo(body);
      }
    }
  }

  @Test
  void aResponseCutShortAfterItsHeadIsNeverCompleted() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream(request -> List.of(HEAD, CLOSE));
        Gateways.Started g = start(upstream);
        Socket client = connect(g.uri())) {
      send(client, GET);
      assertThat(readUntilClosed(client.getInputStream()))
          .as("the client connection closes without an answer that looks complete")
          .doesNotContain("\r\n\r\n");
    }
  }

  @Test
  void aResponseCutShortInItsBodyIsClosedMidBody() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream(request -> List.of(HEAD + "he", CLOSE));
        Gateways.Started g = start(upstream);
        Socket client = connect(g.uri())) {
      send(client, GET);
      String r = readUntilClosed(client.getInputStream());
      assertThat(r).startsWith("HTTP/1.1 200").contains("Content-Length: 5").endsWith("\r\n\r\nhe");
    }
  }

  @Test
  void aHeadRequestGetsTheLengthWithoutABodyAndTheConnectionGoesOn() throws Exception {
    try (ScriptedUpstream upstream =
            new ScriptedUpstream(
                request -> request.startsWith("HEAD") ? List.of(HEAD) : List.of(HEAD + "hello"));
        Gateways.Started g = start(upstream);
        Socket client = connect(g.uri())) {
      send(client, "HEAD /api HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\r\n\r\n");
      assertThat(Raw.readHead(client.getInputStream())).contains("Content-Length: 5");
      send(client, GET);
      assertThat(Raw.readHead(client.getInputStream()))
          .as("the next bytes are the next response, not a body")
          .startsWith("HTTP/1.1 200");
      assertThat(readExactly(client.getInputStream(), 5)).isEqualTo("hello");
    }
  }

  @Test
  void aRequestWithoutABodyReachesTheUpstreamAsItsHeadAlone() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream(request -> List.of(HEAD + "hello"));
        Gateways.Started g = start(upstream);
        Socket client = connect(g.uri())) {
      for (int i = 0; i < 2; i++) {
        send(client, GET);
        Raw.readHead(client.getInputStream());
        readExactly(client.getInputStream(), 5);
      }
      assertThat(upstream.received).hasSize(1);
      String seen = upstream.received.peek().toString(StandardCharsets.ISO_8859_1);
      String[] pieces = seen.split("\r\n\r\n", -1);
      assertThat(pieces)
          .as("two heads on one pooled connection, nothing between or after them")
          .hasSize(3);
      assertThat(pieces[1]).startsWith("GET /api HTTP/1.1\r\n");
      assertThat(pieces[2]).isEmpty();
      assertThat(seen).startsWith("GET /api HTTP/1.1\r\n").doesNotContain("Transfer-Encoding");
    }
  }

  private static Gateways.Started start(ScriptedUpstream upstream) throws Exception {
    return Gateways.start(
        Map.of("CORS_ALLOWED_ORIGINS", APP), upstream.uri(), "--access-log", "off");
  }

  private static Socket connect(URI uri) throws IOException {
    Socket s = new Socket(uri.getHost(), uri.getPort());
    s.setSoTimeout(5000);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  private static String readExactly(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      in.transferTo(out);
    } catch (SocketTimeoutException e) {
      out.write("<still open>".getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Answers each request head with the parts its script gives, written one at a time with a pause
   * between them ({@link #CLOSE} closes the connection), and keeps the bytes each connection
   * received.
   */
  static final class ScriptedUpstream implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final ConcurrentLinkedQueue<ByteArrayOutputStream> received = new ConcurrentLinkedQueue<>();

    ScriptedUpstream(Function<String, List<String>> script) throws IOException {
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    Thread c = new Thread(() -> serve(s, script));
                    c.setDaemon(true);
                    c.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    private void serve(Socket s, Function<String, List<String>> script) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      received.add(all);
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        while (true) {
          String head = Raw.readHead(in);
          synchronized (all) {
            all.write(head.getBytes(StandardCharsets.ISO_8859_1));
          }
          if (!head.endsWith("\r\n\r\n")) {
            return;
          }
          for (String part : script.apply(head)) {
            if (part.equals(CLOSE)) {
              return;
            }
            out.write(part.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(100);
          }
        }
      } catch (IOException | InterruptedException e) {
        // the gateway closed the connection
      }
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
