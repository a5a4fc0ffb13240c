package dev.corsair.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a response is read: what grants an origin, allows credentials, varies on Origin. */
class ProbeTest {
  private static final String EVIL = "https://evil.example";

  static Probe response(Map<String, List<String>> headers) {
    return new Probe(
        "GET",
        URI.create("http://127.0.0.1:1/api"),
        List.of(Map.entry("Origin", EVIL)),
        200,
        headers);
  }

  static Stream<Arguments> grants() {
    return Stream.of(
        Arguments.of("exact echo", Map.of("access-control-allow-origin", List.of(EVIL)), true),
        Arguments.of(
            "surrounding spaces",
            Map.of("Access-Control-Allow-Origin", List.of(" " + EVIL + " ")),
            true),
        Arguments.of("wildcard", Map.of("Access-Control-Allow-Origin", List.of("*")), false),
        Arguments.of(
            "other case",
            Map.of("Access-Control-Allow-Origin", List.of("https://EVIL.example")),
            false),
        Arguments.of(
            "trailing slash", Map.of("Access-Control-Allow-Origin", List.of(EVIL + "/")), false),
        Arguments.of(
            "two lines", Map.of("Access-Control-Allow-Origin", List.of(EVIL, EVIL)), false),
        Arguments.of("absent", Map.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void grantsOnlyAnExactSingleEcho(String name, Map<String, List<String>> headers, boolean grants) {
    assertThat(response(headers).grants(EVIL)).isEqualTo(grants);
  }

  static Stream<Arguments> credentials() {
    return Stream.of(
        Arguments.of("true", List.of("true"), true),
        Arguments.of("True", List.of("True"), false),
        Arguments.of("1", List.of("1"), false),
        Arguments.of("two lines", List.of("true", "true"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credentials")
  void credentialsOnlyForExactlyTrue(String name, List<String> values, boolean allowed) {
    assertThat(response(Map.of("Access-Control-Allow-Credentials", values)).allowsCredentials())
        .isEqualTo(allowed);
  }

  static Stream<Arguments> vary() {
    return Stream.of(
        Arguments.of("Origin", List.of("Origin"), true),
        Arguments.of("in a list, lower case", List.of("accept-encoding, origin"), true),
        Arguments.of("on a second line", List.of("Accept-Encoding", "Origin"), true),
        Arguments.of("star", List.of("*"), true),
        Arguments.of("other names only", List.of("Accept-Encoding, Origin-Agent"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vary")
  void variesOnOriginWhenVaryNamesIt(String name, List<String> values, boolean varies) {
    assertThat(response(Map.of("Vary", values)).variesOnOrigin()).isEqualTo(varies);
  }

  @Test
  void evidenceIsTheRequestAndTheCorsHeadersOnly() {
    Probe ex =
        response(
            Map.of(
                "access-control-allow-origin", List.of(EVIL),
                "vary", List.of("Origin"),
                "content-type", List.of("text/plain")));
    assertThat(ex.evidence())
        .isEqualTo(
            "GET /api HTTP/1.1\nHost: 127.0.0.1:1\nOrigin: https://evil.example\n\n"
                + "HTTP/1.1 200\nAccess-Control-Allow-Origin: https://evil.example\nVary: Origin");
  }
}
