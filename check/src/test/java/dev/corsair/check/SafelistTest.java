package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.check.Http.Field;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafelistTest {
  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("accept anything printable", "Accept", "application/json", true),
        Arguments.of("accept with a colon", "Accept", "a:b", false),
        Arguments.of("accept of 128 bytes", "Accept", "a".repeat(128), true),
        Arguments.of("accept of 129 bytes", "Accept", "a".repeat(129), false),
        Arguments.of("accept-language list", "Accept-Language", "en-US,en;q=0.9", true),
        Arguments.of("accept-language with parenthesis", "Accept-Language", "en (US)", false),
        Arguments.of("content-language", "Content-Language", "de-DE", true),
        Arguments.of("text/plain", "Content-Type", "text/plain", true),
        Arguments.of("text/plain with charset", "Content-Type", "text/plain; charset=utf-8", true),
        Arguments.of("mixed-case form", "Content-Type", "Application/X-WWW-Form-Urlencoded", true),
        Arguments.of(
            "multipart with boundary", "Content-Type", "multipart/form-data; boundary=x", true),
        Arguments.of("json", "Content-Type", "application/json", false),
        Arguments.of("text/plain with a quote", "Content-Type", "text/plain; a=\"b\"", false),
        Arguments.of("range", "Range", "bytes=0-99", true),
        Arguments.of("range open", "Range", "bytes=5-", true),
        Arguments.of("range suffix", "Range", "bytes=-5", false),
        Arguments.of("range two", "Range", "bytes=0-1,3-4", false),
        Arguments.of("range reversed", "Range", "bytes=9-1", false),
        Arguments.of("range with space", "Range", "bytes= 0-1", false),
        Arguments.of("custom header", "X-Api-Key", "k", false),
        Arguments.of("authorization", "Authorization", "Bearer t", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void safelistedHeader(String desc, String name, String value, boolean safelisted) {
    assertThat(Safelist.isSafelistedHeader(name, value)).isEqualTo(safelisted);
  }

  @Test
  void unsafeNamesAreLowerCasedSortedAndUnique() {
    List<Field> h =
        List.of(
            new Field("X-Zeta", "1"),
            new Field("Content-Type", "application/json"),
            new Field("Accept", "x"),
            new Field("X-Alpha", "2"));
    assertThat(Safelist.unsafeNames(h)).containsExactly("content-type", "x-alpha", "x-zeta");
  }

  @Test
  void safelistedValuesOver1024BytesTogetherBecomeUnsafe() {
    List<Field> h =
        List.of(
            new Field("Accept", "a".repeat(128)),
            new Field("Accept-Language", "b".repeat(128)),
            new Field("Content-Language", "c".repeat(128)),
            new Field("Content-Type", "text/plain;" + "d".repeat(100)),
            new Field("Range", "bytes=0-1"));
    assertThat(Safelist.unsafeNames(h)).isEmpty();
    List<Field> big = new java.util.ArrayList<>();
    for (int i = 0; i < 9; i++) {
      big.add(new Field("Accept", "a".repeat(120)));
    }
    assertThat(Safelist.unsafeNames(big)).containsExactly("accept");
  }

  @Test
  void onlyGetHeadPostAreSafelistedMethodsCaseSensitively() {
    assertThat(Safelist.isSafelistedMethod("POST")).isTrue();
    assertThat(Safelist.isSafelistedMethod("PUT")).isFalse();
    assertThat(Safelist.isSafelistedMethod("post")).isFalse();
  }
}
