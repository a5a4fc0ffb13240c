package dev.corsair.cli;

import dev.corsair.CorsConfigException;
import dev.corsair.audit.AuditCommand;
import dev.corsair.check.CheckCommand;
import dev.corsair.check.ExplainCommand;
import dev.corsair.export.ExportCommand;
import dev.corsair.gateway.DevCommand;
import dev.corsair.gateway.GatewayCommand;
import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import dev.corsair.tools.UsageException;
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
          "  explain [--stack NAME] 'Access to fetch at ...'",
          "        explain a CORS error pasted from the browser console, offline",
          "  audit URL [--origin TRUSTED_ORIGIN] [--json] [--fail-on low|medium|high|critical] [--sarif FILE] [--rate N] [--timeout S]",
          "        probe a server for dangerous CORS misconfigurations",
          "  gateway --upstream URL [--listen [HOST:]PORT] [--config FILE] [--upstream-timeout SECONDS]",
          "          [--upstream-ca FILE] [--preserve-host] [--admin-port N] [--access-log FILE|-|off] [--grace SECONDS]",
          "        put a CORS policy (CORS_* variables and/or FILE) in front of a backend",
          "  export nginx|haproxy|apache|caddy --upstream URL --listen [HOST:]PORT [--config FILE]",
          "         [--prefix DIR] [--snippet] [--modules-dir DIR]",
          "        print that engine's configuration enforcing the gateway's policy at the edge",
          "  dev --proxy /PATH[:/REWRITE]=URL... [--static DIR] [--listen [HOST:]PORT]",
          "        serve a front end and its APIs from one origin, so CORS never applies",
          "  demo [--api-port N] [--page-port N]",
          "        an API on localhost:3000 guarded by corsair and a page on localhost:5173 calling it",
          "",
          "Options come in any order, written --origin URL or --origin=URL.",
          "Exit status: 0 ok, 1 blocked by CORS (check) or a finding (audit), 2 bad arguments or",
          "configuration (the message says what to change), 3 the target cannot be reached.");

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

  private static final ArgParser ARGS =
      ArgParser.builder("", USAGE).flag("--version", "-V").stopAtFirstPositional().build();

  /** Runs a command line; returns its exit status. Never exits the JVM itself. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Args a;
    try {
      a = ARGS.parse(args);
    } catch (UsageException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    if (a.help()) {
      return ARGS.help(out);
    }
    if (a.has("--version")) {
      out.println("corsair " + version());
      return ExitStatus.OK;
    }
    if (a.positionals().isEmpty()) {
      return ARGS.usageError(err, "give a command");
    }
    String command = a.positionals().get(0);
    List<String> rest = a.positionals().subList(1, a.positionals().size());
    try {
      switch (command) {
        case "check":
          return CheckCommand.run(rest, out, err);
        case "explain":
          return ExplainCommand.run(rest, out, err);
        case "audit":
          return AuditCommand.run(rest, out, err);
        case "gateway":
          return GatewayCommand.run(rest, env, out, err);
        case "export":
          return ExportCommand.run(rest, env, out, err);
        case "dev":
          return DevCommand.run(rest, env, out, err);
        case "demo":
          return DemoCommand.run(rest, out, err);
        case "help":
          return ARGS.help(out);
        case "version":
          out.println("corsair " + version());
          return ExitStatus.OK;
        default:
          return ARGS.usageError(err, "unknown command '" + command + "'");
      }
    } catch (CorsConfigException e) {
      return ARGS.configError(err, e.getMessage());
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
