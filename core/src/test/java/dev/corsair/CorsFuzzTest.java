package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile input never escapes as an exception and never reaches a response header unvalidated. */
class CorsFuzzTest {
  private static final Pattern VALID_ORIGIN =
      Pattern.compile(
          "\\*|null|[a-z][a-z0-9+.-]*://[a-z0-9._-]+(:[0-9]{1,5})?|[a-z][a-z0-9+.-]*://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

  static final CorsEngine[] ENGINES = {
    CorsEngine.builder()
        .policy(
            CorsPolicy.builder()
                .allowedOrigins(
                    "https://*.example.com", "http://localhost:*", "https://app.example.net")
                .allowCredentials(true)
                .allowedHeaders("*")
                .build())
        .logRejectionsAt(System.Logger.Level.TRACE)
        .build(),
    CorsEngine.builder()
        .policy(CorsPolicy.builder().allowedOrigins("*").allowedMethods("*").build())
        .logRejectionsAt(System.Logger.Level.TRACE)
        .build(),
    CorsEngine.builder()
        .policy(
            CorsPolicy.builder()
                .allowedOrigins("null", "https://a.example.com")
                .allowOriginsMatching(o -> o.endsWith(".test"))
                .build())
        .logRejectionsAt(System.Logger.Level.TRACE)
        .build(),
  };

  /**
   * The only bodies a refused preflight may carry: the failed check, and a header name that is a
   * token.
   */
  private static final Pattern BODY =
      Pattern.compile(
          "|CORS preflight rejected: (origin not allowed|method not allowed|method malformed"
              + "|header list malformed|private network access not allowed"
              + "|header [!#$%&'*+.^_`|~0-9a-z-]+ not allowed)\n");

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("htps:/.*[]:-,;\r\n\t \u0000AZaz09%@").ofMaxLength(60),
        Arbitraries.of(
            "https://a.example.com\r\nSet-Cookie: x=1",
            "http://localhost:1\n",
            "https://x.example.com ",
            "http://localhost:99999",
            "https://a..example.com",
            "https://.example.com",
            "null ",
            "http://[::1",
            "a".repeat(5000)),
        Arbitraries.strings()
            .withChars("abc.-")
            .ofMinLength(1)
            .ofMaxLength(20)
            .map(s -> "https://" + s + ".example.com"),
        Arbitraries.strings()
            .withChars("0123456789")
            .ofMinLength(0)
            .ofMaxLength(7)
            .map(s -> "http://localhost:" + s));
  }

  @Property(tries = 4000)
  void noExceptionAndNoUnvalidatedOutput(
      @ForAll("hostile") String origin,
      @ForAll("hostile") String acrm,
      @ForAll("hostile") String acrh,
      @ForAll("hostile") String path) {
    for (CorsEngine engine : ENGINES) {
      for (String method : new String[] {"OPTIONS", "GET"}) {
        CorsDecision d = engine.decide(method, path, origin, acrm, acrh, "true");
        Map<String, String> headers = new LinkedHashMap<>();
        d.writeHeaders(headers::put);
        if (d.vary() != null) headers.put("Vary", d.vary());
        for (String v : headers.values()) {
          assertThat(v).doesNotContain("\r", "\n", "\u0000");
          assertThat(v.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
              .as("visible ASCII: %s", v)
              .isTrue();
        }
        String acao = headers.get("Access-Control-Allow-Origin");
        if (acao != null) {
          assertThat(acao).matches(VALID_ORIGIN);
          assertThat(acao.equals("*") || acao.equals(origin)).isTrue();
        }
        assertThat(d.body()).matches(BODY);
        if (d.body().startsWith("CORS preflight rejected: header ")
            && !d.body().contains("list malformed")) {
          String name = d.body().substring(32, d.body().length() - " not allowed\n".length());
          assertThat(Arrays.stream(acrh.split(",")).map(String::strip))
              .as("the refused header name comes from the request's list")
              .anyMatch(name::equalsIgnoreCase);
        }
        if (d.rejection() != null) {
          assertThat(d.rejection().message()).isNotNull();
        }
      }
    }
  }

  @Property(tries = 2000)
  void configurationFromHostileTextIsEitherValidOrAConfigError(
      @ForAll("hostile") String origins, @ForAll("hostile") String headers) {
    try {
      CorsPolicy.fromEnvironment(
          Map.of("CORS_ALLOWED_ORIGINS", origins, "CORS_ALLOWED_HEADERS", headers));
    } catch (CorsConfigException expected) {
      assertThat(expected.problems()).isNotEmpty();
      assertThat(expected.getMessage()).doesNotContain("\r", "\n\n");
    }
  }
}
