package dev.corsair.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The look-alike origins derived from a trusted origin, and what counts as an origin. */
class TrustedOriginTest {

  static Stream<Arguments> parsing() {
    return Stream.of(
        Arguments.of("https://app.trusted.example", "https://app.trusted.example"),
        Arguments.of("HTTPS://App.Trusted.Example:443", "https://app.trusted.example"),
        Arguments.of("http://localhost:5173", "http://localhost:5173"),
        Arguments.of("http://[::1]:3000", "http://[::1]:3000"),
        Arguments.of("http://example.com:80", "http://example.com"),
        Arguments.of("https://a.example/", null),
        Arguments.of("https://a.example/path", null),
        Arguments.of("a.example", null),
        Arguments.of("https://a.example:0", null),
        Arguments.of("https://a.example:99999", null),
        Arguments.of("https://.a.example", null),
        Arguments.of("https://a..example", null),
        Arguments.of("https://a example", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsing")
  void parsesOnlySerializedOrigins(String value, String expected) {
    TrustedOrigin o = TrustedOrigin.parse(value);
    assertThat(o == null ? null : o.serialize()).isEqualTo(expected);
  }

  static Stream<Arguments> registrable() {
    return Stream.of(
        Arguments.of("https://app.trusted.example", "trusted.example"),
        Arguments.of("https://trusted.example", "trusted.example"),
        Arguments.of("https://a.b.shop.co.uk", "shop.co.uk"),
        Arguments.of("https://shop.co.uk", "shop.co.uk"),
        Arguments.of("https://api.example.io", "example.io"),
        Arguments.of("http://localhost:5173", null),
        Arguments.of("http://127.0.0.1:8080", null),
        Arguments.of("http://[::1]:8080", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registrable")
  void findsTheRegistrableDomain(String origin, String expected) {
    assertThat(TrustedOrigin.parse(origin).registrableDomain()).isEqualTo(expected);
  }

  @Test
  void probesForAnHttpsOriginFollowTheContractExamples() {
    TrustedOrigin t = TrustedOrigin.parse("https://app.trusted.example");
    assertThat(t.prefixProbe()).isEqualTo("https://app.trusted.example.evil.net");
    assertThat(t.suffixProbe()).isEqualTo("https://eviltrusted.example");
    assertThat(t.unescapedDotProbes()).containsExactly("https://appxtrusted.example");
    assertThat(t.insecureProbe()).isEqualTo("http://app.trusted.example");
    assertThat(t.subdomainProbe()).isEqualTo("https://evil.app.trusted.example");
    assertThat(t.specialCharProbes())
        .hasSize(18)
        .startsWith("https://app.trusted.example_.evil.net")
        .contains(
            "https://app.trusted.example`.evil.net", "https://app.trusted.example\".evil.net");
    assertThat(t.thirdPartyProbes())
        .contains(
            "https://codepen.io", "https://jsfiddle.net", "https://corsair-audit-probe.github.io");
  }

  static Stream<Arguments> unescapedDots() {
    return Stream.of(
        // only dots whose replacement leaves a host an attacker can register
        Arguments.of("https://trusted.example", List.of()),
        Arguments.of("https://app.trusted.example", List.of("https://appxtrusted.example")),
        Arguments.of(
            "https://a.b.trusted.example",
            List.of("https://a.bxtrusted.example", "https://axb.trusted.example")),
        Arguments.of("https://www.shop.co.uk", List.of("https://wwwxshop.co.uk")),
        Arguments.of(
            "https://a.b.c.d.trusted.example:8443",
            List.of(
                "https://a.b.c.dxtrusted.example:8443",
                "https://a.b.cxd.trusted.example:8443",
                "https://a.bxc.d.trusted.example:8443")),
        Arguments.of("http://127.0.0.1:8080", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unescapedDots")
  void unescapedDotProbesStayRegistrable(String origin, List<String> expected) {
    assertThat(TrustedOrigin.parse(origin).unescapedDotProbes()).isEqualTo(expected);
  }

  @Test
  void portIsKeptAndIpOrLoopbackOriginsSkipWhatCannotApply() {
    TrustedOrigin ip = TrustedOrigin.parse("http://127.0.0.1:8080");
    assertThat(ip.prefixProbe()).isEqualTo("http://127.0.0.1.evil.net:8080");
    assertThat(ip.suffixProbe()).isNull();
    assertThat(ip.subdomainProbe()).isNull();
    assertThat(ip.insecureProbe()).isNull();
    assertThat(TrustedOrigin.parse("https://localhost:8443").insecureProbe()).isNull();
    assertThat(TrustedOrigin.parse("https://localhost:8443").subdomainProbe())
        .isEqualTo("https://evil.localhost:8443");
  }

  @Test
  void aTrustedThirdPartyHostIsNotProbedAgainstItself() {
    assertThat(TrustedOrigin.parse("https://codepen.io").thirdPartyProbes())
        .doesNotContain("https://codepen.io")
        .contains("https://jsfiddle.net");
  }

  @Test
  void severityRaisesOneLevelAndStopsAtCritical() {
    assertThat(Severity.LOW.raised()).isEqualTo(Severity.MEDIUM);
    assertThat(Severity.HIGH.raised()).isEqualTo(Severity.CRITICAL);
    assertThat(Severity.CRITICAL.raised()).isEqualTo(Severity.CRITICAL);
  }
}
