package dev.corsair.audit;

import java.io.PrintStream;
import java.util.List;

/** {@code corsair audit URL ...}: probes a server for CORS misconfigurations. */
public final class AuditCommand {
  private AuditCommand() {}

  /**
   * Runs the command; returns the exit status (0 clean, 1 findings at or above --fail-on, 2 usage,
   * 3 network).
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("corsair audit: not built yet");
    return 2;
  }
}
