package dev.corsair.check;

import java.io.PrintStream;
import java.util.List;

/** {@code corsair check URL --origin ORIGIN ...}: predicts Chromium's verdict. */
public final class CheckCommand {
  private CheckCommand() {}

  /** Runs the command; returns the exit status (0 allowed, 1 blocked, 2 usage, 3 network error). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("corsair check: not built yet");
    return 2;
  }
}
