package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which heads the preflight shortcut reads itself; every other head goes to Netty's decoder. */
class PreflightHeadTest {
  static final String LINE = "OPTIONS /api/items?x=1 HTTP/1.1\r\n";
  static final String ORIGIN = "Origin: https://app.example.com\r\n";
  static final String METHOD = "Access-Control-Request-Method: PUT\r\n";
  static final String END = "Host: gw\r\n\r\n";

  static Stream<Arguments> read() {
    return Stream.of(
        Arguments.of(
            "a browser's preflight",
            LINE
                + "Host: gw\r\nConnection: keep-alive\r\n"
                + ORIGIN
                + METHOD
                + "Access-Control-Request-Headers: content-type,x-a\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: */*\r\n\r\n",
            new PreflightHead(
                "/api/items?x=1", "https://app.example.com", "PUT", "content-type,x-a", null)),
        Arguments.of(
            "names in any case, spaces and tabs around values trimmed",
            LINE
                + "oRIGIN:\t https://app.example.com \t\r\nACCESS-CONTROL-REQUEST-METHOD:PUT\r\n"
                + "access-control-request-private-network: true\r\n"
                + END,
            new PreflightHead("/api/items?x=1", "https://app.example.com", "PUT", null, "true")),
        Arguments.of(
            "an empty value is a value",
            LINE + "Origin:\r\n" + METHOD + END,
            new PreflightHead("/api/items?x=1", "", "PUT", null, null)),
        Arguments.of(
            "no CORS fields at all",
            "OPTIONS / HTTP/1.1\r\n\r\n",
            new PreflightHead("/", null, null, null, null)),
        Arguments.of(
            "values with characters the engine refuses are read as sent",
            LINE + "Origin: https://app.example.com, https://b.example\r\n" + METHOD + END,
            new PreflightHead(
                "/api/items?x=1",
                "https://app.example.com, https://b.example",
                "PUT",
                null,
                null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void read(String name, String head, PreflightHead expected) {
    assertThat(parse(head)).isEqualTo(expected);
  }

  static Stream<Arguments> leftToTheDecoder() {
    return Stream.of(
        Arguments.of("another method", "GET /api HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("method in lower case", "options /api HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("HTTP/1.0", "OPTIONS /api HTTP/1.0\r\n" + ORIGIN + END),
        Arguments.of("absolute-form target", "OPTIONS http://gw/api HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("asterisk-form target", "OPTIONS * HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("a fragment in the target", "OPTIONS /a#b HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("a quote in the target", "OPTIONS /a\"b HTTP/1.1\r\n" + ORIGIN + END),
        Arguments.of("two spaces after the target", "OPTIONS /a  HTTP/1.1\r\n" + END),
        Arguments.of("leading empty line", "\r\n" + LINE + ORIGIN + METHOD + END),
        Arguments.of("bare LF line ends", "OPTIONS / HTTP/1.1\nOrigin: https://a.example\n\n"),
        Arguments.of("bare LF inside", LINE + "Origin: https://a.example\nX: y\r\n" + END),
        Arguments.of("bare CR in a value", LINE + "Origin: https://a\r.example\r\n" + END),
        Arguments.of("control character in a value", LINE + "Origin: https://a\u0001b\r\n" + END),
        Arguments.of("DEL in a value", LINE + "X-A: a\u007fb\r\n" + END),
        Arguments.of("byte above 0x7e in a value", LINE + "X-A: caf\u00e9\r\n" + END),
        Arguments.of("space before the colon", LINE + "Origin : https://a.example\r\n" + END),
        Arguments.of("a name that is not a token", LINE + "Ori(gin): https://a.example\r\n" + END),
        Arguments.of("empty name", LINE + ": x\r\n" + END),
        Arguments.of("folded line", LINE + ORIGIN + " continued\r\n" + METHOD + END),
        Arguments.of("two Origin lines", LINE + ORIGIN + ORIGIN + METHOD + END),
        Arguments.of("two method lines", LINE + ORIGIN + METHOD + METHOD + END),
        Arguments.of(
            "two header-list lines",
            LINE
                + ORIGIN
                + METHOD
                + "Access-Control-Request-Headers: a\r\nAccess-Control-Request-Headers: b\r\n"
                + END),
        Arguments.of(
            "two private-network lines",
            LINE
                + "Access-Control-Request-Private-Network: true\r\n"
                + "Access-Control-Request-Private-Network: true\r\n"
                + END),
        Arguments.of("a body by length", LINE + ORIGIN + METHOD + "Content-Length: 0\r\n" + END),
        Arguments.of("a chunked body", LINE + ORIGIN + "Transfer-Encoding: chunked\r\n" + END),
        Arguments.of("Expect", LINE + ORIGIN + METHOD + "Expect: 100-continue\r\n" + END),
        Arguments.of("Upgrade", LINE + ORIGIN + METHOD + "Upgrade: websocket\r\n" + END),
        Arguments.of("Connection: close", LINE + ORIGIN + METHOD + "Connection: close\r\n" + END),
        Arguments.of(
            "Connection with more tokens",
            LINE + ORIGIN + METHOD + "Connection: keep-alive, x-a\r\n" + END),
        Arguments.of("no end of head", LINE + ORIGIN + METHOD + "Host: gw\r\n"),
        Arguments.of("a second request after it", LINE + ORIGIN + END + LINE + ORIGIN + END),
        Arguments.of("bytes after the head", LINE + ORIGIN + END + "x\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void leftToTheDecoder(String name, String head) {
    assertThat(parse(head)).isNull();
  }

  static Stream<Arguments> endsHead() {
    return Stream.of(
        Arguments.of("a whole head", LINE + END, true),
        Arguments.of("part of a head", LINE + "Host: gw\r\n", false),
        Arguments.of("a head and part of a body", LINE + END + "abc", false),
        Arguments.of("too short", "\r\n\r", false),
        Arguments.of("just the end", "\r\n\r\n", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void endsHead(String name, String bytes, boolean expected) {
    assertThat(
            PreflightHead.endsHead(
                Unpooled.wrappedBuffer(bytes.getBytes(StandardCharsets.ISO_8859_1))))
        .isEqualTo(expected);
  }

  private static PreflightHead parse(String head) {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return PreflightHead.parse(b, b.length);
  }
}
