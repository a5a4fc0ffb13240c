package dev.corsair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as a user types it, through the dispatcher: one parser, one set of messages, one
 * set of exit statuses. {@code {api}} and {@code {page}} stand for the demo's API URL and page
 * origin, served on free loopback ports.
 */
class MainTest {
  static final String MESSAGE =
      "Access to fetch at 'http://localhost:3000/api' from origin 'http://localhost:5173' has been"
          + " blocked by CORS policy: Request header field x-api-key is not allowed by"
          + " Access-Control-Allow-Headers in preflight response.";

  static Demo demo;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = Demo.start(0, 0);
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  record Result(int status, String out, String err) {}

  static Result run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> expanded = new ArrayList<>();
    for (String a : args) {
      expanded.add(
          a.replace("{api}", demo.apiUrl() + "/api/hello").replace("{page}", demo.pageOrigin()));
    }
    int status =
        Main.run(
            expanded,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** name, command line, exit status, what stdout holds, what stderr holds. */
  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of(
            "check --origin=VALUE",
            List.of("check", "{api}", "--origin={page}"),
            0,
            "allowed:",
            ""),
        Arguments.of(
            "check --origin VALUE before the URL",
            List.of("check", "--origin", "{page}", "{api}"),
            0,
            "allowed:",
            ""),
        Arguments.of(
            "check --method=VALUE beside -H VALUE: blocked",
            List.of("check", "{api}", "--origin={page}", "--method=PUT", "-H", "X-Api-Key: 1"),
            1,
            "blocked by CORS",
            ""),
        Arguments.of(
            "check --json through the shared writer",
            List.of("check", "{api}", "--json", "--origin={page}"),
            0,
            "{\"allowed\":true,",
            ""),
        Arguments.of(
            "check unknown option",
            List.of("check", "{api}", "--origin={page}", "--frobnicate"),
            2,
            "",
            "corsair check: unknown option '--frobnicate'\nusage: corsair check URL"),
        Arguments.of(
            "check --credentials takes no value",
            List.of("check", "{api}", "--origin={page}", "--credentials=yes"),
            2,
            "",
            "corsair check: --credentials takes no value: write --credentials alone"),
        Arguments.of(
            "check --origin twice",
            List.of("check", "{api}", "--origin={page}", "--origin", "http://x"),
            2,
            "",
            "--origin given twice"),
        Arguments.of(
            "explain --stack NAME MESSAGE",
            List.of("explain", "--stack", "spring", MESSAGE),
            0,
            "Fix for spring:\n",
            ""),
        Arguments.of(
            "explain MESSAGE --stack=NAME",
            List.of("explain", MESSAGE, "--stack=spring"),
            0,
            "cors.setAllowedOrigins(List.of(\"http://localhost:5173\"));",
            ""),
        Arguments.of(
            "explain MESSAGE --stack NAME",
            List.of("explain", MESSAGE, "--stack", "express"),
            0,
            "origin: ['http://localhost:5173'],",
            ""),
        Arguments.of(
            "explain unknown option after the message",
            List.of("explain", MESSAGE, "--stak", "spring"),
            2,
            "",
            "corsair explain: unknown option '--stak'; did you mean --stack?"),
        Arguments.of(
            "explain unknown stack",
            List.of("explain", "--stack", "rubyonrails", MESSAGE),
            2,
            "",
            "corsair explain: --stack rubyonrails: use one of express,"),
        Arguments.of(
            "explain --stack without a message",
            List.of("explain", "--stack", "spring"),
            2,
            "",
            "corsair explain: paste the console message"),
        Arguments.of(
            "audit unknown option",
            List.of("audit", "{api}", "--frobnicate"),
            2,
            "",
            "corsair audit: unknown option '--frobnicate'"),
        Arguments.of(
            "gateway unknown option",
            List.of("gateway", "--upstream=http://127.0.0.1:1", "--frobnicate", "1"),
            2,
            "",
            "corsair gateway: unknown option '--frobnicate'"),
        Arguments.of(
            "dev unknown option",
            List.of("dev", "--proxy=/api=http://127.0.0.1:1", "--frobnicate"),
            2,
            "",
            "corsair dev: unknown option '--frobnicate'"),
        Arguments.of(
            "demo unknown option",
            List.of("demo", "--frobnicate"),
            2,
            "",
            "corsair demo: unknown option '--frobnicate'"),
        Arguments.of(
            "demo bad port", List.of("demo", "--api-port=x"), 2, "", "--api-port 'x': give a port"),
        Arguments.of(
            "missing value, as every command says it",
            List.of("audit", "{api}", "--origin"),
            2,
            "",
            "corsair audit: --origin needs a value"),
        Arguments.of(
            "top-level unknown option",
            List.of("--frobnicate"),
            2,
            "",
            "corsair: unknown option '--frobnicate'\nusage: corsair COMMAND"),
        Arguments.of("unknown command", List.of("chek"), 2, "", "corsair: unknown command 'chek'"),
        Arguments.of("no command", List.of(), 2, "", "corsair: give a command"),
        Arguments.of("version", List.of("--version"), 0, "corsair ", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void commandLineGivesStatusAndMessages(
      String name, List<String> args, int status, String out, String err) {
    Result r = run(args);
    assertThat(r.status()).as(r.err()).isEqualTo(status);
    assertThat(r.out()).contains(out);
    assertThat(r.err()).contains(err);
  }

  static Stream<Arguments> helps() {
    return Stream.of(
        Arguments.of("top level", List.of("--help"), "usage: corsair COMMAND"),
        Arguments.of("help command", List.of("help"), "usage: corsair COMMAND"),
        Arguments.of("check", List.of("check", "--help"), "usage: corsair check"),
        Arguments.of(
            "check -h among arguments", List.of("check", "x", "-h"), "usage: corsair check"),
        Arguments.of("explain", List.of("explain", "--help"), "usage: corsair explain [--stack"),
        Arguments.of("audit", List.of("audit", "--help"), "usage: corsair audit"),
        Arguments.of("gateway", List.of("gateway", "--help"), "usage: corsair gateway"),
        Arguments.of("dev", List.of("dev", "--help"), "usage: corsair dev"),
        Arguments.of("demo", List.of("demo", "--help"), "usage: corsair demo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helps")
  void helpGoesToStdoutEndsWithANewlineAndExitsZero(String name, List<String> args, String start) {
    Result r = run(args);
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith(start).endsWith("\n");
    assertThat(r.out()).doesNotEndWith("\n\n");
    assertThat(r.err()).isEmpty();
  }
}
