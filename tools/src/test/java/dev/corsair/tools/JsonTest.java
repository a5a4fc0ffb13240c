package dev.corsair.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("plain text stays", "abc", "\"abc\""),
        Arguments.of("quote", "a\"b", "\"a\\\"b\""),
        Arguments.of("backslash", "a\\b", "\"a\\\\b\""),
        Arguments.of("newline", "a\nb", "\"a\\nb\""),
        Arguments.of("carriage return", "a\rb", "\"a\\rb\""),
        Arguments.of("tab", "a\tb", "\"a\\tb\""),
        Arguments.of("NUL", "a\0b", "\"a\\u0000b\""),
        Arguments.of("escape character", "\u001b[31m", "\"\\u001b[31m\""),
        Arguments.of("unit separator U+001F", "\u001f", "\"\\u001f\""),
        Arguments.of("DEL U+007F", "a\u007fb", "\"a\\u007fb\""),
        Arguments.of("line separator U+2028", "a\u2028b", "\"a\\u2028b\""),
        Arguments.of("paragraph separator U+2029", "a\u2029b", "\"a\\u2029b\""),
        Arguments.of("non-ASCII stays", "é→😀", "\"é→😀\""),
        Arguments.of("slash stays", "</script>", "\"</script>\""),
        Arguments.of("space and tilde stay", " ~", "\" ~\""),
        Arguments.of("empty", "", "\"\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapes")
  void escapesEveryControlCharacterAndTheLineSeparators(String name, String in, String json) {
    assertThat(Json.quote(in)).isEqualTo(json);
    assertThat(Json.write(in)).isEqualTo(json);
  }

  @Test
  void everyCharacterBelowSpaceAndDelIsEscaped() {
    for (char c = 0; c < 0x20; c++) {
      assertThat(Json.quote(String.valueOf(c))).as("U+%04X", (int) c).startsWith("\"\\");
    }
    assertThat(Json.quote("\u007f")).isEqualTo("\"\\u007f\"");
    assertThat(Json.quote("\u0080")).isEqualTo("\"\u0080\"");
  }

  @Test
  void quoteEscapesWhatJsonRequires() {
    assertThat(Json.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    assertThat(Json.quote(null)).isEqualTo("null");
  }

  @Test
  void nullStringIsJsonNull() {
    assertThat(Json.quote(null)).isEqualTo("null");
    StringBuilder b = new StringBuilder("x=");
    Json.quote(b, null);
    assertThat(b).hasToString("x=null");
  }

  @Test
  void writesMapsInOrderListsNumbersBooleansAndNull() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("a", List.of(true, false, 2L, 1.5));
    m.put("n", null);
    m.put("o", Map.of("k\n", "v"));
    m.put("e", List.of());
    assertThat(Json.write(m))
        .isEqualTo("{\"b\":1,\"a\":[true,false,2,1.5],\"n\":null,\"o\":{\"k\\n\":\"v\"},\"e\":[]}");
    assertThat(Json.write(Arrays.asList("x", null))).isEqualTo("[\"x\",null]");
  }

  static Stream<Arguments> notJson() {
    return Stream.of(
        Arguments.of("an object", new Object()),
        Arguments.of("NaN", Double.NaN),
        Arguments.of("infinity", Double.POSITIVE_INFINITY),
        Arguments.of("a nested object", List.of(new Object())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notJson")
  void refusesWhatJsonCannotHold(String name, Object value) {
    assertThatThrownBy(() -> Json.write(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
