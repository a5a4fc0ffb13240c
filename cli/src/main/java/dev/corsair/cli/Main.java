package dev.corsair.cli;

import dev.corsair.CorsConfigException;
import dev.corsair.audit.AuditCommand;
import dev.corsair.check.CheckCommand;
import dev.corsair.check.ExplainCommand;
import dev.corsair.gateway.DevCommand;
import dev.corsair.gateway.GatewayCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code bin/corsair}: dispatches to a command and maps its outcome to an exit status. */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair COMMAND [ARGS]",
          "",
          "  check URL --origin ORIGIN [-X METHOD] [-H 'Name: value']... [--credentials] [--json] [--stack NAME]",
          "        predict whether Chromium lets a page on ORIGIN read URL, with its console message and the fix",
          "  explain 'Access to fetch at ...'",
          "        explain a CORS error pasted from the browser console, offline",
          "  audit URL [--origin TRUSTED_ORIGIN] [--json] [--fail-on low|medium|high|critical] [--sarif FILE] [--rate N] [--timeout S]",
          "        probe a server for dangerous CORS misconfigurations",
          "  gateway --upstream URL [--listen [HOST:]PORT] [--config FILE] [--upstream-timeout SECONDS]",
          "          [--upstream-ca FILE] [--preserve-host] [--admin-port N] [--access-log FILE|-|off] [--grace SECONDS]",
          "        put a CORS policy (CORS_* variables and/or FILE) in front of a backend",
          "  dev --proxy /PATH[:/REWRITE]=URL... [--static DIR] [--listen [HOST:]PORT]",
          "        serve a front end and its APIs from one origin, so CORS never applies",
          "  demo [--api-port N] [--page-port N]",
          "        an API on localhost:3000 guarded by corsair and a page on localhost:5173 calling it",
          "",
          "Exit status 2: bad arguments or configuration.");

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      // One line per record: "[corsair INFO] CORS preflight rejected reason=... ".
      System.setProperty("java.util.logging.SimpleFormatter.format", "[corsair %4$s] %5$s%6$s%n");
    }
    int status = run(Arrays.asList(args), System.getenv(), System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /** Runs a command line; returns its exit status. Never exits the JVM itself. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty()
        || args.get(0).equals("--help")
        || args.get(0).equals("-h")
        || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      switch (args.get(0)) {
        case "check":
          return CheckCommand.run(rest, out, err);
        case "explain":
          return ExplainCommand.run(rest, out, err);
        case "audit":
          return AuditCommand.run(rest, out, err);
        case "gateway":
          return GatewayCommand.run(rest, env, out, err);
        case "dev":
          return DevCommand.run(rest, env, out, err);
        case "demo":
          return DemoCommand.run(rest, out, err);
        case "--version":
        case "version":
          out.println("corsair " + version());
          return 0;
        default:
          err.println("corsair: unknown command '" + args.get(0) + "'\n\n" + USAGE);
          return 2;
      }
    } catch (CorsConfigException e) {
      err.println("corsair: " + e.getMessage());
      return 2;
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
