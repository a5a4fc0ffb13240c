package dev.corsair.cli;

import dev.corsair.check.CheckCommand;
import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import dev.corsair.tools.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code corsair demo}: starts {@link Demo} on localhost:3000 and :5173, prints what to open and a
 * {@code check} of one allowed and one blocked call, then serves until Ctrl+C.
 */
final class DemoCommand {
  private DemoCommand() {}

  static final String USAGE = "usage: corsair demo [--api-port N] [--page-port N] [--once]";

  private static final ArgParser ARGS =
      ArgParser.builder("demo", USAGE)
          .option("--api-port")
          .option("--page-port")
          .flag("--once")
          .build();

  /** Runs the demo until Ctrl+C (or once, with {@code --once}); returns the exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    int apiPort;
    int pagePort;
    boolean once;
    try {
      Args a = ARGS.parse(args);
      if (a.help()) {
        return ARGS.help(out);
      }
      if (!a.positionals().isEmpty()) {
        throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
      }
      apiPort = port(a, "--api-port", 3000);
      pagePort = port(a, "--page-port", 5173);
      once = a.has("--once");
    } catch (UsageException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    Demo demo;
    try {
      demo = Demo.start(apiPort, pagePort);
    } catch (BindException e) {
      return ARGS.configError(
          err,
          "port "
              + apiPort
              + " or "
              + pagePort
              + " is in use on 127.0.0.1; stop what uses it or pass --api-port N --page-port N");
    } catch (IOException e) {
      return ARGS.configError(err, "cannot start: " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              demo.close();
              stopped.countDown();
            },
            "corsair-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("corsair demo");
    out.println();
    out.println("  API   " + demo.apiUrl() + "/api/hello   guarded by corsair: " + demo.policy());
    out.println(
        "  page  "
            + demo.pageUrl()
            + "/            calls the API twice: one call allowed, one blocked");
    out.println();
    out.println("Open " + demo.pageUrl() + "/ in a browser and look at its console.");
    out.println();
    out.println("$ corsair check " + demo.apiUrl() + "/api/hello --origin " + demo.pageOrigin());
    CheckCommand.run(
        List.of(demo.apiUrl() + "/api/hello", "--origin", demo.pageOrigin()), out, out);
    out.println();
    out.println(
        "$ corsair check "
            + demo.apiUrl()
            + "/api/hello --origin "
            + demo.pageOrigin()
            + " -X PUT -H 'X-Api-Key: demo'");
    CheckCommand.run(
        List.of(
            demo.apiUrl() + "/api/hello",
            "--origin",
            demo.pageOrigin(),
            "-X",
            "PUT",
            "-H",
            "X-Api-Key: demo"),
        out,
        out);
    out.println();
    if (once) {
      Runtime.getRuntime().removeShutdownHook(hook);
      demo.close();
      return ExitStatus.OK;
    }
    out.println("Serving; press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitStatus.OK;
  }

  private static int port(Args a, String name, int otherwise) {
    String v = a.value(name);
    if (v == null) {
      return otherwise;
    }
    try {
      int port = Integer.parseInt(v);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " '" + v + "': give a port number, e.g. " + name + " 3001");
  }
}
