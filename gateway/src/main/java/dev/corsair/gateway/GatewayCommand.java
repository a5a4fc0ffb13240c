package dev.corsair.gateway;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code corsair gateway --upstream URL ...}: a CORS reverse proxy. */
public final class GatewayCommand {
  private GatewayCommand() {}

  /** Runs until stopped; returns the exit status (2 for bad arguments or configuration). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    err.println("corsair gateway: not built yet");
    return 2;
  }
}
