package dev.corsair.tools;

/**
 * The exit statuses of every {@code corsair} command, in one place. A command returns one of these
 * from its {@code run} method; only {@code Main} exits the JVM with it.
 */
public final class ExitStatus {
  private ExitStatus() {}

  /** The command did its job and found nothing wrong (check: allowed; audit: no finding). */
  public static final int OK = 0;

  /**
   * The command ran and the answer is no: {@code check} predicts that CORS blocks the call, {@code
   * audit} found a misconfiguration at or above {@code --fail-on}.
   */
  public static final int PROBLEM_FOUND = 1;

  /** Bad arguments or configuration; the message says what to change. */
  public static final int USAGE = 2;

  /**
   * The target could not be reached (refused connection, DNS, TLS, timeout): not a CORS verdict.
   */
  public static final int NETWORK = 3;
}
