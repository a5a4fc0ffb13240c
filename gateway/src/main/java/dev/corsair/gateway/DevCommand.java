package dev.corsair.gateway;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code corsair dev --proxy /PATH=URL ...}: the same-origin development proxy. */
public final class DevCommand {
  private DevCommand() {}

  /** Runs until stopped; returns the exit status (2 for bad arguments). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    err.println("corsair dev: not built yet");
    return 2;
  }
}
