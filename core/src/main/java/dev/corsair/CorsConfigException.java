package dev.corsair;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy that cannot be built. Lists every problem found, not just the first, each naming the
 * setting as the user wrote it, the offending value, and the fix.
 */
public final class CorsConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** One configuration problem: the setting, the value given, and what to change. */
  public record Problem(String setting, String value, String message) {
    @Override
    public String toString() {
      return setting + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  CorsConfigException(List<Problem> problems) {
    this(problems, List.of());
  }

  /** With the warnings found beside the problems, which often explain them (a misspelt name). */
  CorsConfigException(List<Problem> problems, List<String> warnings) {
    super(
        format(problems)
            + (warnings.isEmpty() ? "" : "\n  also: " + String.join("\n  also: ", warnings)));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the settings. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    String head =
        problems.size() == 1
            ? "invalid CORS configuration: "
            : "invalid CORS configuration (" + problems.size() + " problems):\n  ";
    return head + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
  }
}
