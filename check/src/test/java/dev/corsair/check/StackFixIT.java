package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Does what a developer does with {@code check --stack S}: a real server of the stack in a broken
 * state, the call checked, the printed fix pasted into its configuration or code (as printed, plus
 * the placeholders its notes name), the server restarted; then the call is allowed, another origin
 * is not, and the calls the server allowed before still are.
 */
class StackFixIT {
  static final String PAGE = "http://localhost:5173";

  /** Allowed by the "wrong origin" state: it must stay allowed after the fix. */
  static final String OLD = "http://localhost:3000";

  /** Never allowed. */
  static final String OTHER = "http://localhost:6001";

  /** A call from a page: {@code fetch(path, {method, headers, credentials})} from origin. */
  record Call(
      String origin, String path, String method, List<String> headers, boolean credentials) {
    List<String> args(String base) {
      List<String> a = new ArrayList<>(List.of(base + path, "--origin", origin, "-X", method));
      for (String h : headers) {
        a.add("-H");
        a.add(h);
      }
      if (credentials) {
        a.add("--credentials");
      }
      return a;
    }

    Call from(String o) {
      return new Call(o, path, method, headers, credentials);
    }

    Call withMethod(String m) {
      return new Call(origin, path, m, headers, credentials);
    }

    @Override
    public String toString() {
      return method
          + " "
          + path
          + " from "
          + origin
          + (headers.isEmpty() ? "" : " " + headers)
          + (credentials ? " with credentials" : "");
    }
  }

  static Call call(String origin, String method, String... headers) {
    return new Call(origin, "/api/items", method, List.of(headers), false);
  }

  static Call withCredentials(Call c) {
    return new Call(c.origin(), c.path(), c.method(), c.headers(), true);
  }

  /** A scenario: the server's broken CORS state (null: none at all), the call, calls that work. */
  record Scenario(String name, StackServers.Cors broken, Call call, List<Call> before) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("no CORS at all", null, call(PAGE, "PUT", "X-Api-Key: k"), List.of()),
          new Scenario(
              "wrong origin",
              new StackServers.Cors(List.of(OLD), List.of("GET", "POST"), List.of(), false),
              call(PAGE, "GET"),
              List.of(call(OLD, "GET"))),
          new Scenario(
              "missing header",
              new StackServers.Cors(
                  List.of(PAGE),
                  List.of("GET", "POST", "PUT", "DELETE"),
                  List.of("Content-Type"),
                  false),
              call(PAGE, "PUT", "X-Api-Key: k"),
              List.of(call(PAGE, "DELETE"), call(PAGE, "PUT", "Content-Type: application/json"))),
          new Scenario(
              "missing method",
              new StackServers.Cors(
                  List.of(PAGE), List.of("GET", "POST", "PUT"), List.of("X-Api-Key"), false),
              call(PAGE, "DELETE", "X-Api-Key: k"),
              List.of(call(PAGE, "PUT", "X-Api-Key: k"))),
          new Scenario(
              "no credentials",
              new StackServers.Cors(
                  List.of(PAGE),
                  List.of("GET", "POST", "PUT", "DELETE"),
                  List.of("X-Api-Key"),
                  false),
              withCredentials(call(PAGE, "PUT", "X-Api-Key: k")),
              List.of(call(PAGE, "DELETE", "X-Api-Key: k"))),
          new Scenario(
              "lower-case patch from the page",
              new StackServers.Cors(
                  List.of(PAGE), List.of("GET", "POST", "PATCH", "DELETE"), List.of(), false),
              call(PAGE, "patch"),
              List.of(call(PAGE, "DELETE"))));

  /** Spring only: an interceptor that answers 401 without X-Api-Key, preflights included. */
  static final Scenario INTERCEPTOR =
      new Scenario(
          "a HandlerInterceptor that answers preflights 401",
          new StackServers.Cors(
              List.of(PAGE), List.of("GET", "POST", "PUT"), List.of("X-Api-Key"), false),
          new Call(PAGE, "/api/secure", "PUT", List.of("X-Api-Key: k"), false),
          List.of(call(PAGE, "PUT", "X-Api-Key: k")));

  static final String BASIC = "Authorization: Basic ZGV2OnNlY3JldA=="; // dev:secret

  /** Spring only: Spring Security requires a user, and answers the preflight 401. */
  static final Scenario SECURITY =
      new Scenario(
          "Spring Security that answers preflights 401",
          new StackServers.Cors(
              List.of(PAGE), List.of("GET", "POST", "PUT"), List.of("Authorization"), false),
          new Call(PAGE, "/api/private", "PUT", List.of(BASIC), false),
          List.of(call(PAGE, "PUT", BASIC)));

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    // -Dstackfix.stacks=express,flask runs only those (while working on one stack)
    List<String> only = List.of(System.getProperty("stackfix.stacks", "").split(","));
    for (StackServers.Stack stack : StackServers.ALL) {
      if (!only.equals(List.of("")) && !only.contains(stack.name())) {
        continue;
      }
      for (Scenario s : SCENARIOS) {
        all.add(Arguments.of(stack, s));
      }
      if (stack.name().equals("spring")) {
        all.add(Arguments.of(stack, INTERCEPTOR));
        all.add(Arguments.of(stack, SECURITY));
      }
    }
    return all.stream();
  }

  record Run(int status, String out) {}

  static Run check(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CheckCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8));
  }

  /**
   * The snippet as printed: after the notes under "Fix for STACK:" and a blank line, to the end.
   */
  static String printedSnippet(String out, String stack) {
    String rest = out.substring(out.indexOf("Fix for " + stack + ":\n"));
    return rest.substring(rest.indexOf("\n\n") + 2).stripTrailing();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  @Execution(ExecutionMode.CONCURRENT) // servers start while others run: the IT is mostly waiting
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // two server starts, a handful of checks
  void thePrintedFixWorksWhenPasted(StackServers.Stack stack, Scenario s) throws Exception {
    String snippet;
    List<Call> workedBefore = new ArrayList<>();
    try (StackServers.Server broken = stack.start(s.broken(), null)) {
      for (Call c : s.before()) {
        Run r = check(c.args(broken.base()));
        assertThat(r.status()).as("before the fix, %s\n%s\n%s", c, r.out(), broken.log()).isZero();
        workedBefore.add(c);
      }
      List<String> args = new ArrayList<>(s.call().args(broken.base()));
      args.addAll(List.of("--stack", stack.name()));
      Run r = check(args);
      assertThat(r.status()).as("the broken state blocks %s\n%s", s.call(), r.out()).isEqualTo(1);
      snippet = printedSnippet(r.out(), stack.name());
    }
    if (s.broken() != null) {
      // the notes: add the origins the server already allowed, which check cannot see
      for (String o : s.broken().origins()) {
        if (!snippet.contains(o)) {
          snippet = StackServers.addOrigin(stack.name(), snippet, PAGE, o);
        }
      }
    }
    Call fixed =
        s.call().method().equals(s.call().method().toUpperCase(java.util.Locale.ROOT))
            ? s.call()
            : s.call().withMethod(s.call().method().toUpperCase(java.util.Locale.ROOT));
    try (StackServers.Server server = stack.start(s.broken(), snippet)) {
      String context = "\n--- pasted fix ---\n" + snippet + "\n--- server log ---\n";
      Run r = check(fixed.args(server.base()));
      assertThat(r.status())
          .as("after the fix, %s\n%s%s%s", fixed, r.out(), context, server.log())
          .isZero();
      Run other = check(fixed.from(OTHER).args(server.base()));
      assertThat(other.status())
          .as("after the fix, another origin\n%s%s", other.out(), context)
          .isEqualTo(1);
      for (Call c : workedBefore) {
        Run again = check(c.args(server.base()));
        assertThat(again.status())
            .as("after the fix, %s still works\n%s%s", c, again.out(), context)
            .isZero();
      }
    }
  }
}
