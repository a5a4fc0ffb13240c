package dev.corsair.check;

import java.io.PrintStream;
import java.util.List;

/** {@code corsair explain "Access to fetch at ..."}: explains a pasted console message, offline. */
public final class ExplainCommand {
  private ExplainCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("corsair explain: not built yet");
    return 2;
  }
}
