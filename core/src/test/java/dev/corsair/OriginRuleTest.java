package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One allowed-origins entry: how it is normalised, what it matches, and what is refused and why.
 */
class OriginRuleTest {

  @ParameterizedTest(name = "{0} is {1} ''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "* | ANY | *",
        "null | NULL | null",
        "NULL | NULL | null",
        "https://app.example.com | EXACT | https://app.example.com",
        "HTTPS://App.Example.COM | EXACT | https://app.example.com",
        "https://app.example.com:443 | EXACT | https://app.example.com",
        "http://localhost:80 | EXACT | http://localhost",
        "wss://live.example.com:443 | EXACT | wss://live.example.com",
        "http://localhost:0080 | EXACT | http://localhost",
        "https://app.example.com:8443 | EXACT | https://app.example.com:8443",
        "http://[::1]:3000 | EXACT | http://[::1]:3000",
        "https://bücher.example | EXACT | https://xn--bcher-kva.example",
        "capacitor://localhost | EXACT | capacitor://localhost",
        "https://*.example.com | PATTERN | https://*.example.com",
        "http://localhost:* | PATTERN | http://localhost:*",
        "http://*.localhost:* | PATTERN | http://*.localhost:*",
      })
  void entryIsNormalised(String raw, OriginRule.Kind kind, String normalized) throws Exception {
    OriginRule r = OriginRule.parse(raw, false);
    assertThat(r.kind).isEqualTo(kind);
    assertThat(r.normalized).isEqualTo(normalized);
  }

  @ParameterizedTest(name = "{0} refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "localhost:5173 | has no scheme; write it as browsers send it, e.g. 'http://localhost:5173'",
        "//app.example.com | has no scheme; write it as browsers send it, e.g. 'https://app.example.com'",
        "http://localhost:5173/ | has a trailing slash; browsers send the origin alone: 'http://localhost:5173'",
        "https://app.example.com/api | has a path",
        "https://app.example.com?x=1 | has a query",
        "https://app.example.com#top | has a fragment",
        "https://user@app.example.com | has user information",
        "file:///home/me/index.html | is a file: URL",
        "1http://a.example | has an invalid scheme",
        "http://localhost:99999 | has an invalid port '99999'",
        "https://app.*.example.com | has '*' inside the host",
        "https://*example.com | has '*' inside the host",
        "https:// | has no host",
        "http://[::1 | has an unclosed IPv6 bracket",
        "http://[::1]x | has characters after the IPv6 address",
        "http://[zz]:80 | has a malformed IPv6 host",
        "https://exa mple.com | contains whitespace or control characters",
        "https://example.com. | has a host ending with '.'",
        "https://a..example.com | has a malformed host",
        "http://*.127.0.0.1 | puts '*.' before an IP address",
        "https://*.com | trusts every site under the public suffix 'com'",
        "https://*.co.uk | trusts every site under the public suffix 'co.uk'",
        "https://*.github.io | trusts every site under the public suffix 'github.io'",
      })
  void invalidEntryIsRefusedWithItsFix(String raw, String message) {
    assertThatThrownBy(() -> OriginRule.parse(raw, false))
        .isInstanceOf(OriginRule.Invalid.class)
        .hasMessageStartingWith(Text.quote(raw))
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"https://*.github.io", "https://*.com"})
  void publicSuffixPatternIsAcceptedOnlyWhenDangerouslyAllowed(String raw) throws Exception {
    assertThat(OriginRule.parse(raw, true).kind).isEqualTo(OriginRule.Kind.PATTERN);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "https://*.example.com, https://a.example.com, true",
    "https://*.example.com, https://a.b.example.com, true",
    "https://*.example.com, https://example.com, false",
    "https://*.example.com, https://evilexample.com, false",
    "https://*.example.com, http://a.example.com, false",
    "https://*.example.com, https://a.example.com:8443, false",
    "https://*.example.com, https://A.example.com, false",
    "http://localhost:*, http://localhost, true",
    "http://localhost:*, http://localhost:5173, true",
    "http://localhost:*, http://127.0.0.1:5173, false",
    "http://localhost:*, https://localhost:5173, false",
    "http://*.localhost:*, http://app.localhost:3000, true",
    "https://*.example.com:*, https://a.example.com:1, true",
  })
  void patternMatchesParsedOrigins(String pattern, String origin, boolean matches)
      throws Exception {
    assertThat(OriginRule.parse(pattern, false).matches(Origin.parse(origin))).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0} loopback: {1}")
  @CsvSource({
    "http://localhost:5173, true",
    "http://127.0.0.1, true",
    "http://[::1]:3000, true",
    "http://app.localhost, true",
    "http://app.example.com, false"
  })
  void loopbackEntriesAreKnown(String raw, boolean loopback) throws Exception {
    assertThat(OriginRule.parse(raw, false).isLoopback()).isEqualTo(loopback);
  }
}
