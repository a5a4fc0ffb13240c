package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorsPolicyConfigTest {

  /** desc, environment, the setting named, the value named, a fragment of the fix. */
  static Stream<Arguments> errors() {
    return Stream.of(
        error("missing origins", Map.of(), "CORS_ALLOWED_ORIGINS", null, "is required"),
        error(
            "empty origins",
            Map.of("CORS_ALLOWED_ORIGINS", " , "),
            "CORS_ALLOWED_ORIGINS",
            "",
            "is empty"),
        error(
            "* with credentials",
            env("*", "CORS_ALLOW_CREDENTIALS", "true"),
            "CORS_ALLOWED_ORIGINS",
            "*",
            "list the origins"),
        error(
            "trailing slash",
            env("http://localhost:5173/"),
            "CORS_ALLOWED_ORIGINS",
            "http://localhost:5173/",
            "browsers send the origin alone: 'http://localhost:5173'"),
        error(
            "path",
            env("https://app.example.com/app"),
            "CORS_ALLOWED_ORIGINS",
            "https://app.example.com/app",
            "a path"),
        error(
            "query",
            env("https://app.example.com?x=1"),
            "CORS_ALLOWED_ORIGINS",
            "https://app.example.com?x=1",
            "a query"),
        error(
            "fragment",
            env("https://app.example.com#x"),
            "CORS_ALLOWED_ORIGINS",
            "https://app.example.com#x",
            "a fragment"),
        error(
            "no scheme",
            env("localhost:5173"),
            "CORS_ALLOWED_ORIGINS",
            "localhost:5173",
            "'http://localhost:5173'"),
        error(
            "no scheme on a domain",
            env("app.example.com"),
            "CORS_ALLOWED_ORIGINS",
            "app.example.com",
            "'https://app.example.com'"),
        error(
            "malformed host",
            env("https://exa mple.com"),
            "CORS_ALLOWED_ORIGINS",
            "https://exa mple.com",
            "whitespace"),
        error(
            "empty label",
            env("https://app..example.com"),
            "CORS_ALLOWED_ORIGINS",
            "https://app..example.com",
            "malformed host"),
        error(
            "port out of range",
            env("http://localhost:70000"),
            "CORS_ALLOWED_ORIGINS",
            "http://localhost:70000",
            "1 to 65535"),
        error(
            "port not a number",
            env("http://localhost:abc"),
            "CORS_ALLOWED_ORIGINS",
            "http://localhost:abc",
            "invalid port"),
        error(
            "star inside host",
            env("https://app*.example.com"),
            "CORS_ALLOWED_ORIGINS",
            "https://app*.example.com",
            "whole leftmost labels"),
        error(
            "star in the middle",
            env("https://api.*.example.com"),
            "CORS_ALLOWED_ORIGINS",
            "https://api.*.example.com",
            "whole leftmost labels"),
        error(
            "public suffix .com",
            env("https://*.com"),
            "CORS_ALLOWED_ORIGINS",
            "https://*.com",
            "public suffix"),
        error(
            "public suffix co.uk",
            env("https://*.co.uk"),
            "CORS_ALLOWED_ORIGINS",
            "https://*.co.uk",
            "public suffix"),
        error(
            "subdomain pattern over an IP address",
            env("http://*.127.0.0.1"),
            "CORS_ALLOWED_ORIGINS",
            "http://*.127.0.0.1",
            "IP address"),
        error(
            "public suffix github.io",
            env("https://*.github.io"),
            "CORS_ALLOWED_ORIGINS",
            "https://*.github.io",
            "public suffix"),
        error(
            "null with credentials",
            env("null", "CORS_ALLOW_CREDENTIALS", "true"),
            "CORS_ALLOWED_ORIGINS",
            "null",
            "remove 'null'"),
        error("file origin", env("file://"), "CORS_ALLOWED_ORIGINS", "file://", "Origin: null"),
        error(
            "* exposed with credentials",
            env(
                "https://a.example.com",
                "CORS_ALLOW_CREDENTIALS",
                "true",
                "CORS_EXPOSED_HEADERS",
                "*"),
            "CORS_EXPOSED_HEADERS",
            "*",
            "list the header names"),
        error(
            "method not a token",
            env("https://a.example.com", "CORS_ALLOWED_METHODS", "GET,PU T"),
            "CORS_ALLOWED_METHODS",
            "PU T",
            "not an HTTP method token"),
        error(
            "CONNECT",
            env("https://a.example.com", "CORS_ALLOWED_METHODS", "CONNECT"),
            "CORS_ALLOWED_METHODS",
            "CONNECT",
            "forbidden method"),
        error(
            "TRACE",
            env("https://a.example.com", "CORS_ALLOWED_METHODS", "trace"),
            "CORS_ALLOWED_METHODS",
            "trace",
            "forbidden method"),
        error(
            "TRACK",
            env("https://a.example.com", "CORS_ALLOWED_METHODS", "TRACK"),
            "CORS_ALLOWED_METHODS",
            "TRACK",
            "forbidden method"),
        error(
            "header not a token",
            env("https://a.example.com", "CORS_ALLOWED_HEADERS", "X-Ok,X Bad"),
            "CORS_ALLOWED_HEADERS",
            "X Bad",
            "not a header name"),
        error(
            "exposed not a token",
            env("https://a.example.com", "CORS_EXPOSED_HEADERS", "X(1)"),
            "CORS_EXPOSED_HEADERS",
            "X(1)",
            "not a header name"),
        error(
            "max-age too big",
            env("https://a.example.com", "CORS_MAX_AGE", "86401"),
            "CORS_MAX_AGE",
            "86401",
            "0 to 86400"),
        error(
            "max-age negative",
            env("https://a.example.com", "CORS_MAX_AGE", "-1"),
            "CORS_MAX_AGE",
            "-1",
            "0 to 86400"),
        error(
            "max-age not a number",
            env("https://a.example.com", "CORS_MAX_AGE", "10m"),
            "CORS_MAX_AGE",
            "10m",
            "whole number"),
        error(
            "boolean",
            env("https://a.example.com", "CORS_ALLOW_CREDENTIALS", "yes"),
            "CORS_ALLOW_CREDENTIALS",
            "yes",
            "true or false"),
        error(
            "private network boolean",
            env("https://a.example.com", "CORS_ALLOW_PRIVATE_NETWORK", "1"),
            "CORS_ALLOW_PRIVATE_NETWORK",
            "1",
            "true or false"),
        error(
            "preflight status",
            env("https://a.example.com", "CORS_PREFLIGHT_STATUS", "201"),
            "CORS_PREFLIGHT_STATUS",
            "201",
            "204"),
        error(
            "path without slash",
            env("https://a.example.com", "CORS_PATHS", "api/**"),
            "CORS_PATHS",
            "api/**",
            "'/api/**'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void configurationErrorNamesSettingValueAndFix(
      String desc, Map<String, String> env, String setting, String value, String fix) {
    assertThatThrownBy(() -> CorsPolicy.fromEnvironment(env))
        .isInstanceOfSatisfying(
            CorsConfigException.class,
            e -> {
              assertThat(e.problems())
                  .anySatisfy(
                      p -> {
                        assertThat(p.setting()).isEqualTo(setting);
                        assertThat(p.value()).isEqualTo(value);
                        assertThat(p.message()).contains(fix);
                        if (value != null && !value.isEmpty()) {
                          assertThat(p.message()).contains("'" + value + "'");
                        }
                      });
              assertThat(e.getMessage()).contains(setting);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void propertiesNameTheSettingByItsPropertyKey(
      String desc, Map<String, String> env, String setting, String value, String fix) {
    Properties p = new Properties();
    env.forEach(
        (k, v) -> p.setProperty(k.toLowerCase().replace("cors_", "cors.").replace('_', '-'), v));
    String key = setting.toLowerCase().replace("cors_", "cors.").replace('_', '-');
    assertThatThrownBy(() -> CorsPolicy.fromProperties(p))
        .isInstanceOfSatisfying(
            CorsConfigException.class,
            e ->
                assertThat(e.problems()).anySatisfy(pr -> assertThat(pr.setting()).isEqualTo(key)));
  }

  @Test
  void everyProblemIsReportedTogether() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CORS_ALLOWED_ORIGINS", "http://localhost:5173/,localhost:3000,*");
    env.put("CORS_ALLOW_CREDENTIALS", "true");
    env.put("CORS_MAX_AGE", "99999");
    assertThatThrownBy(() -> CorsPolicy.fromEnvironment(env))
        .isInstanceOfSatisfying(
            CorsConfigException.class, e -> assertThat(e.problems()).hasSize(4));
  }

  @Test
  void misspeltVariableIsNamedBesideTheMissingSetting() {
    assertThatThrownBy(
            () ->
                CorsPolicy.fromEnvironment(Map.of("CORS_ALLOWED_ORIGIN", "https://a.example.com")))
        .isInstanceOf(CorsConfigException.class)
        .hasMessageContaining("CORS_ALLOWED_ORIGINS: is required")
        .hasMessageContaining(
            "also: CORS_ALLOWED_ORIGIN: unknown variable, ignored; did you mean CORS_ALLOWED_ORIGINS?");
  }

  @Test
  void unknownPropertyIsAnErrorWithASuggestion() {
    Properties p = new Properties();
    p.setProperty("cors.allowed-origins", "https://a.example.com");
    p.setProperty("cors.allow-credential", "true");
    assertThatThrownBy(() -> CorsPolicy.fromProperties(p))
        .hasMessageContaining("did you mean cors.allow-credentials?");
  }

  @Test
  void settingKeysAreTheSettingsTableInItsOrderAndEachIsAccepted() {
    assertThat(CorsPolicy.settingKeys())
        .containsExactly(
            "cors.allowed-origins",
            "cors.allowed-methods",
            "cors.allowed-headers",
            "cors.exposed-headers",
            "cors.allow-credentials",
            "cors.max-age",
            "cors.allow-private-network",
            "cors.preflight-status",
            "cors.paths",
            "cors.log-window",
            "cors.log-level");
    for (String key : CorsPolicy.settingKeys()) {
      assertThat(Setting.named(key)).as(key).isNotNull();
    }
  }

  /** desc, environment, a fragment of the warning. */
  static Stream<Arguments> warnings() {
    return Stream.of(
        Arguments.of(
            "http origin with credentials",
            env("http://app.example.com", "CORS_ALLOW_CREDENTIALS", "true"),
            "plain http"),
        Arguments.of(
            "max-age above Chromium's cap",
            env("https://a.example.com", "CORS_MAX_AGE", "86400"),
            "7200"),
        Arguments.of(
            "lower-case patch",
            env("https://a.example.com", "CORS_ALLOWED_METHODS", "GET,patch"),
            "browsers send 'PATCH'"),
        Arguments.of(
            "unknown variable",
            env("https://a.example.com", "CORS_ALLOWED_ORIGIN", "x"),
            "did you mean CORS_ALLOWED_ORIGINS"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void warningIsReportedButNotFatal(String desc, Map<String, String> env, String fragment) {
    CorsPolicy p = CorsPolicy.fromEnvironment(env);
    assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains(fragment));
  }

  @Test
  void loopbackHttpWithCredentialsIsNotWarned() {
    CorsPolicy p =
        CorsPolicy.fromEnvironment(
            env(
                "http://localhost:5173,http://127.0.0.1:3000,http://[::1]:3000",
                "CORS_ALLOW_CREDENTIALS",
                "true"));
    assertThat(p.warnings()).isEmpty();
  }

  /** entry as written, normalised form. */
  static Stream<Arguments> normalisation() {
    return Stream.of(
        Arguments.of("HTTPS://App.Example.COM:443", "https://app.example.com"),
        Arguments.of("http://LOCALHOST:80", "http://localhost"),
        Arguments.of("http://localhost:05173", "http://localhost:5173"),
        Arguments.of("http://[::1]:3000", "http://[::1]:3000"),
        Arguments.of("capacitor://localhost", "capacitor://localhost"),
        Arguments.of("https://*.Example.com", "https://*.example.com"),
        Arguments.of("http://localhost:*", "http://localhost:*"),
        Arguments.of("http://*.localhost:*", "http://*.localhost:*"),
        Arguments.of("https://bücher.example", "https://xn--bcher-kva.example"),
        Arguments.of("NULL", "null"),
        Arguments.of("*", "*"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("normalisation")
  void originsAreNormalisedAtConfigurationTime(String written, String normalised) {
    assertThat(CorsPolicy.builder().allowedOrigins(written).build().allowedOrigins())
        .containsExactly(normalised);
  }

  @Test
  void defaultsAreTheContractsDefaults() {
    CorsPolicy p = CorsPolicy.builder().allowedOrigins("https://a.example.com").build();
    assertThat(p.allowedMethods()).containsExactly("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    assertThat(p.allowedHeaders()).containsExactly("Content-Type");
    assertThat(p.exposedHeaders()).isEmpty();
    assertThat(p.allowsCredentials()).isFalse();
    assertThat(p.maxAgeSeconds()).isNull();
    assertThat(p.allowsPrivateNetwork()).isFalse();
    assertThat(p.preflightStatus()).isEqualTo(204);
    assertThat(p.paths()).containsExactly("/**");
  }

  @Test
  void emptyAllowedHeadersMeansSafelistedOnly() {
    CorsPolicy p =
        CorsPolicy.fromEnvironment(env("https://a.example.com", "CORS_ALLOWED_HEADERS", ""));
    assertThat(p.allowedHeaders()).isEmpty();
  }

  @Test
  void booleansAcceptAnyCase() {
    CorsPolicy p =
        CorsPolicy.fromEnvironment(env("https://a.example.com", "CORS_ALLOW_CREDENTIALS", "TRUE"));
    assertThat(p.allowsCredentials()).isTrue();
  }

  @Test
  void publicSuffixPatternsNeedTheDangerousOptOut() {
    CorsPolicy p =
        CorsPolicy.builder()
            .allowedOrigins("https://*.github.io")
            .dangerouslyAllowPublicSuffixPatterns()
            .build();
    assertThat(p.allowedOrigins()).containsExactly("https://*.github.io");
  }

  static Map<String, String> env(String origins, String... more) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CORS_ALLOWED_ORIGINS", origins);
    for (int i = 0; i < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return m;
  }

  private static Arguments error(
      String desc, Map<String, String> env, String setting, String value, String fix) {
    return Arguments.of(desc, env, setting, value, fix);
  }
}
