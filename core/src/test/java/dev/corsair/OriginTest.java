package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the engine accepts as a serialised origin in an {@code Origin} header, and how it reads it.
 */
class OriginTest {

  @ParameterizedTest(name = "{0} -> scheme {1}, host {2}, port {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://app.example.com | https | app.example.com | -1",
        "http://localhost:5173 | http | localhost | 5173",
        "http://[::1]:3000 | http | [::1] | 3000",
        "capacitor://localhost | capacitor | localhost | -1",
        "https://under_score.example | https | under_score.example | -1",
        "https://APP.example.com | https | APP.example.com | -1",
        "chrome-extension://abcdef | chrome-extension | abcdef | -1",
        "http://127.0.0.1:65535 | http | 127.0.0.1 | 65535",
      })
  void serialisedOriginIsParsedIntoItsParts(String value, String scheme, String host, int port) {
    assertThat(Origin.isValid(value)).isTrue();
    assertThat(Origin.parse(value)).isEqualTo(new Origin(scheme, host, port));
    assertThat(Origin.parse(value).serialize()).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no scheme | app.example.com",
        "scheme only | https://",
        "trailing slash | https://app.example.com/",
        "a path | https://app.example.com/x",
        "a query | https://app.example.com?x",
        "user information | https://user@app.example.com",
        "a space | https://app .example.com",
        "a leading dot | https://.example.com",
        "a trailing dot | https://example.com.",
        "port zero | http://localhost:0",
        "port with a leading zero | http://localhost:080",
        "port above 65535 | http://localhost:65536",
        "empty port | http://localhost:",
        "empty IPv6 brackets | http://[]:80",
        "unclosed IPv6 bracket | http://[::1",
        "a letter that is not hex in IPv6 | http://[::g]",
        "two origins joined | 'https://a.example, https://b.example'",
        "percent-encoded host | https://%61pp.example.com",
        "scheme starting with a digit | 1http://a.example",
        "non-ASCII host | https://bücher.example",
        "the opaque origin (handled by the caller) | null",
        "empty | ''",
      })
  void malformedOriginIsNotParsed(String what, String value) {
    assertThat(Origin.isValid(value)).as(what).isFalse();
    assertThat(Origin.parse(value)).as(what).isNull();
  }

  @org.junit.jupiter.api.Test
  void originOverTheLengthLimitIsMalformed() {
    String longest = "https://" + "a".repeat(Origin.MAX_LENGTH - 8);
    assertThat(Origin.isValid(longest)).isTrue();
    assertThat(Origin.isValid(longest + "a")).isFalse();
  }

  @ParameterizedTest(name = "{0} loopback: {1}")
  @CsvSource({
    "localhost, true",
    "app.localhost, true",
    "127.0.0.1, true",
    "127.1.2.3, true",
    "[::1], true",
    "localhost.example.com, false",
    "128.0.0.1, false",
    "[::2], false"
  })
  void loopbackHostsAreLocalhostAndTheLoopbackAddresses(String host, boolean loopback) {
    assertThat(Origin.isLoopbackHost(host)).isEqualTo(loopback);
  }

  @ParameterizedTest(name = "{0}: default port {1}")
  @CsvSource({"http, 80", "ws, 80", "https, 443", "wss, 443", "capacitor, -1"})
  void defaultPortDependsOnTheScheme(String scheme, int port) {
    assertThat(Origin.defaultPort(scheme)).isEqualTo(port);
  }
}
