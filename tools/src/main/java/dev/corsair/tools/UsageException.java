package dev.corsair.tools;

/**
 * A command line that cannot run as written; the message names the argument and what to write
 * instead. Commands answer it with {@link ArgParser#usageError} (exit status 2).
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * A usage problem described by {@code message}, e.g. {@code "--rate '0': use a number from 0.1 to
   * 10000"}.
   */
  public UsageException(String message) {
    super(message);
  }

  static UsageException unknownOption(String name, String suggestion) {
    return new UsageException(
        "unknown option '"
            + name
            + "'"
            + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
  }

  static UsageException needsValue(String name) {
    return new UsageException(name + " needs a value");
  }

  static UsageException takesNoValue(String name) {
    return new UsageException(name + " takes no value: write " + name + " alone");
  }

  static UsageException givenTwice(String name, String first, String second) {
    return new UsageException(
        name + " given twice ('" + first + "' and '" + second + "'): give it once");
  }
}
