package dev.corsair.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgParserTest {
  static final String USAGE = "usage: corsair try URL --origin ORIGIN";

  static final ArgParser PARSER =
      ArgParser.builder("try", USAGE)
          .option("--origin")
          .option("-X", "--method")
          .repeatable("-H", "--header")
          .flag("--json")
          .build();

  /** name, command line, then the expected origin, method, headers, json flag and positionals. */
  static Stream<Arguments> parses() {
    return Stream.of(
        Arguments.of(
            "space-separated value", "u --origin http://o", "http://o", null, "", false, "u"),
        Arguments.of("equals value", "u --origin=http://o", "http://o", null, "", false, "u"),
        Arguments.of("equals value with '='", "--origin=a=b u", "a=b", null, "", false, "u"),
        Arguments.of("empty equals value", "u --origin=", "", null, "", false, "u"),
        Arguments.of("short alias", "-X PUT u", null, "PUT", "", false, "u"),
        Arguments.of("long alias with equals", "--method=PUT u", null, "PUT", "", false, "u"),
        Arguments.of(
            "repeated option",
            "-H a:1 u --header=b:2 -H c:3",
            null,
            null,
            "a:1|b:2|c:3",
            false,
            "u"),
        Arguments.of("flag", "--json u", null, null, "", true, "u"),
        Arguments.of("flag given twice", "--json --json", null, null, "", true, ""),
        Arguments.of("positionals in any place", "a --json b", null, null, "", true, "a|b"),
        Arguments.of("lone dash is positional", "-", null, null, "", false, "-"),
        Arguments.of(
            "double dash ends options",
            "--json -- --origin -x",
            null,
            null,
            "",
            true,
            "--origin|-x"),
        Arguments.of("value that looks like a dash", "-H - u", null, null, "-", false, "u"),
        Arguments.of("negative number value", "--origin -1", "-1", null, "", false, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parses")
  void parsesOptionsFlagsAndPositionals(
      String name,
      String line,
      String origin,
      String method,
      String headers,
      boolean json,
      String positionals) {
    Args a = PARSER.parse(words(line));
    assertThat(a.help()).isFalse();
    assertThat(a.value("--origin")).isEqualTo(origin);
    assertThat(a.value("--method")).isEqualTo(method);
    assertThat(a.value("-X")).isEqualTo(method);
    assertThat(String.join("|", a.values("-H"))).isEqualTo(headers);
    assertThat(a.has("--json")).isEqualTo(json);
    assertThat(String.join("|", a.positionals())).isEqualTo(positionals);
  }

  static Stream<Arguments> refuses() {
    return Stream.of(
        Arguments.of("unknown long option", "u --frobnicate", "unknown option '--frobnicate'"),
        Arguments.of("unknown option with a value", "u --frob=1", "unknown option '--frob'"),
        Arguments.of("unknown short option", "u -x", "unknown option '-x'"),
        Arguments.of(
            "typo gets a suggestion",
            "u --orign x",
            "unknown option '--orign'; did you mean --origin?"),
        Arguments.of(
            "prefix gets a suggestion", "u --jso", "unknown option '--jso'; did you mean --json?"),
        Arguments.of("nothing close: no suggestion", "u --zzzzzzzz", "unknown option '--zzzzzzzz'"),
        Arguments.of("value missing at the end", "u --origin", "--origin needs a value"),
        Arguments.of(
            "value missing before an option", "u --origin --json", "--origin needs a value"),
        Arguments.of("value missing, short", "u -X", "-X needs a value"),
        Arguments.of(
            "flag with a value", "u --json=yes", "--json takes no value: write --json alone"),
        Arguments.of(
            "single option twice",
            "u --origin a --origin=b",
            "--origin given twice ('a' and 'b'): give it once"),
        Arguments.of(
            "single option twice through aliases",
            "u -X GET --method PUT",
            "--method given twice ('GET' and 'PUT'): give it once"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refuses")
  void refusesWithAMessageSayingWhatToChange(String name, String line, String message) {
    assertThatThrownBy(() -> PARSER.parse(words(line)))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> help() {
    return Stream.of(
        Arguments.of("--help alone", "--help", true),
        Arguments.of("-h after other arguments", "u --origin x -h", true),
        Arguments.of("--help beside a bad option", "--frobnicate --help", true),
        Arguments.of("--help after --", "-- --help", false),
        Arguments.of("no help", "u", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("help")
  void helpAnywhereBeforeDoubleDashWins(String name, String line, boolean help) {
    assertThat(PARSER.parse(words(line)).help()).isEqualTo(help);
  }

  @Test
  void dispatcherLeavesEverythingAfterTheCommandToIt() {
    ArgParser top =
        ArgParser.builder("", "usage").flag("--version").stopAtFirstPositional().build();
    Args a = top.parse(List.of("check", "--help", "--origin=x"));
    assertThat(a.help()).isFalse();
    assertThat(a.positionals()).containsExactly("check", "--help", "--origin=x");
    assertThat(top.parse(List.of("--version")).has("--version")).isTrue();
    assertThat(top.parse(List.of("--help", "check")).help()).isTrue();
    assertThatThrownBy(() -> top.parse(List.of("--frob", "check")))
        .hasMessage("unknown option '--frob'");
  }

  @Test
  void usageErrorPrintsCommandProblemAndUsageAndReturnsTwo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(PARSER.usageError(err, "unknown option '--x'")).isEqualTo(ExitStatus.USAGE);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("corsair try: unknown option '--x'\n" + USAGE + "\n");
  }

  @Test
  void askingForAnUndeclaredOptionIsAProgrammingError() {
    assertThatThrownBy(() -> PARSER.parse(List.of()).value("--nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not declared");
  }

  @Test
  void declaringANameTwiceFails() {
    assertThatThrownBy(() -> ArgParser.builder("x", "u").flag("--a").option("--a"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> words(String line) {
    return line.isEmpty() ? List.of() : List.of(line.split(" ", -1));
  }
}
