package dev.corsair.cli;

import dev.corsair.check.CheckCommand;
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

  static int run(List<String> args, PrintStream out, PrintStream err) {
    int apiPort = 3000;
    int pagePort = 5173;
    boolean once = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      try {
        switch (a) {
          case "--api-port":
            apiPort = Integer.parseInt(args.get(++i));
            break;
          case "--page-port":
            pagePort = Integer.parseInt(args.get(++i));
            break;
          case "--once":
            once = true;
            break;
          default:
            err.println(
                "corsair demo: unknown argument '"
                    + a
                    + "'; usage: corsair demo [--api-port N] [--page-port N] [--once]");
            return 2;
        }
      } catch (IndexOutOfBoundsException | NumberFormatException e) {
        err.println("corsair demo: " + a + " needs a port number, e.g. " + a + " 3001");
        return 2;
      }
    }
    Demo demo;
    try {
      demo = Demo.start(apiPort, pagePort);
    } catch (BindException e) {
      err.println(
          "corsair demo: port "
              + apiPort
              + " or "
              + pagePort
              + " is in use on 127.0.0.1; stop what uses it or pass --api-port N --page-port N");
      return 2;
    } catch (IOException e) {
      err.println("corsair demo: cannot start: " + e.getMessage());
      return 2;
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
      return 0;
    }
    out.println("Serving; press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
