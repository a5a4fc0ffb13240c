package dev.corsair.gateway;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsEngine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code corsair gateway --upstream URL ...}: a CORS reverse proxy. */
public final class GatewayCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair gateway --upstream URL [--listen [HOST:]PORT] [--config FILE]",
          "         [--upstream-timeout SECONDS] [--upstream-ca FILE] [--preserve-host]",
          "         [--admin-port N] [--access-log FILE|-|off] [--grace SECONDS]",
          "  The policy comes from CORS_* variables and/or the YAML FILE (variables win).",
          "  Listens on 127.0.0.1:8080 by default. SIGTERM drains, SIGHUP reloads FILE.");

  private GatewayCommand() {}

  /** The parsed command line. */
  record Options(
      String upstream,
      Listen listen,
      Path config,
      Duration upstreamTimeout,
      String upstreamCa,
      boolean preserveHost,
      int adminPort,
      String accessLog,
      Duration grace) {

    /**
     * @throws IllegalArgumentException naming the option and what to write instead
     */
    private static final Set<String> OPTIONS =
        Set.of(
            "--upstream",
            "--listen",
            "--config",
            "--upstream-timeout",
            "--upstream-ca",
            "--admin-port",
            "--access-log",
            "--grace");

    static Options parse(List<String> args) {
      String upstream = null;
      Listen listen = new Listen("127.0.0.1", 8080);
      Path config = null;
      Duration timeout = Duration.ofSeconds(30);
      String ca = null;
      boolean preserveHost = false;
      int admin = -1;
      String accessLog = "-";
      Duration grace = Duration.ofSeconds(10);
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (name.equals("--preserve-host")) {
          preserveHost = true;
          continue;
        }
        if (!name.startsWith("--")) {
          throw new IllegalArgumentException(
              "unexpected argument '" + a + "'; give the upstream as --upstream " + a);
        }
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(
                OPTIONS.contains(name) ? name + " needs a value" : "unknown option " + name);
          }
          value = args.get(++i);
        }
        switch (name) {
          case "--upstream":
            upstream = value;
            break;
          case "--listen":
            listen = Listen.parse(name, value, "127.0.0.1");
            break;
          case "--config":
            config = Path.of(value);
            break;
          case "--upstream-timeout":
            timeout = seconds(name, value);
            break;
          case "--upstream-ca":
            ca = value;
            break;
          case "--admin-port":
            admin = Listen.parse(name, value, "127.0.0.1").port();
            break;
          case "--access-log":
            accessLog = value;
            break;
          case "--grace":
            grace = seconds(name, value);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (upstream == null) {
        throw new IllegalArgumentException(
            "--upstream is required: the backend to proxy, e.g. --upstream http://127.0.0.1:3000");
      }
      return new Options(
          upstream, listen, config, timeout, ca, preserveHost, admin, accessLog, grace);
    }

    private static Duration seconds(String name, String value) {
      try {
        double s = Double.parseDouble(value);
        if (s > 0 && s <= 86400) {
          return Duration.ofMillis(Math.round(s * 1000));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " " + value + ": not a number of seconds; write e.g. " + name + " 30");
    }
  }

  /** A started gateway: its server, its policies (reloadable) and its log. */
  static final class Running implements AutoCloseable {
    final ProxyServer server;
    private final Options options;
    private final Map<String, String> env;
    private final AtomicReference<CorsEngine> engine;
    private final AccessLog log;
    private final PrintStream logStream;

    private Running(
        ProxyServer server,
        Options options,
        Map<String, String> env,
        AtomicReference<CorsEngine> engine,
        AccessLog log,
        PrintStream logStream) {
      this.server = server;
      this.options = options;
      this.env = env;
      this.engine = engine;
      this.log = log;
      this.logStream = logStream;
    }

    /** Re-reads the YAML file; on an error keeps the current policies and says why. */
    String reload() {
      if (options.config() == null) {
        return "nothing to reload: no --config file";
      }
      try {
        PolicyConfig.Loaded l = PolicyConfig.load(options.config(), env);
        engine.set(l.engine());
        return "reloaded "
            + options.config()
            + " ("
            + l.engine().policies().size()
            + " policies)"
            + (l.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", l.warnings()));
      } catch (IllegalArgumentException e) {
        return "reload failed, keeping the current policies: " + e.getMessage();
      }
    }

    /** Stops accepting, lets in-flight requests finish within the grace period, then stops. */
    void drain() throws InterruptedException {
      server.drain(options.grace());
      closeLog();
    }

    @Override
    public void close() {
      server.close();
      closeLog();
    }

    private void closeLog() {
      if (log != null) {
        log.close();
      }
      if (logStream != null) {
        logStream.close();
      }
    }
  }

  /**
   * Validates the configuration and starts listening.
   *
   * @throws IllegalArgumentException for bad options or policies (exit status 2)
   * @throws Exception when the address cannot be bound
   */
  static Running start(Options o, Map<String, String> env, PrintStream err) throws Exception {
    PolicyConfig.Loaded loaded = PolicyConfig.load(o.config(), env);
    for (String w : loaded.warnings()) {
      err.println("corsair gateway: warning: " + w);
    }
    Upstream upstream = Upstream.parse("--upstream", o.upstream(), o.upstreamCa());
    PrintStream logStream = null;
    AccessLog log;
    switch (o.accessLog()) {
      case "off":
        log = null;
        break;
      case "-":
        log = AccessLog.to(err, err);
        break;
      default:
        try {
          logStream =
              new PrintStream(
                  new FileOutputStream(o.accessLog(), true), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "--access-log " + o.accessLog() + ": cannot open the file for appending (" + e + ")");
        }
        log = AccessLog.to(logStream, err);
    }
    AtomicReference<CorsEngine> engine = new AtomicReference<>(loaded.engine());
    String base = upstream.basePath;
    ProxyServer server =
        new ProxyServer(
            o.listen().host(),
            o.listen().port(),
            o.adminPort(),
            engine,
            (target, path, method, accept) -> new Route(upstream, base + target, null, null),
            o.upstreamTimeout(),
            o.preserveHost(),
            log);
    try {
      server.start();
    } catch (Exception e) {
      server.close();
      if (log != null) {
        log.close();
      }
      throw e;
    }
    return new Running(server, o, env, engine, log, logStream);
  }

  /** Runs until stopped; returns the exit status (2 for bad arguments or configuration). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    if (args.equals(List.of("--self-test"))) {
      return SelfTest.run(out, err);
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("corsair gateway: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    Running g;
    try {
      g = start(o, env, err);
    } catch (CorsConfigException e) {
      err.println("corsair gateway: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("corsair gateway: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println(
          "corsair gateway: cannot listen on "
              + o.listen().url()
              + ": "
              + e.getMessage()
              + "; pick another port with --listen");
      return 1;
    }
    return serveUntilStopped(
        g.server, out, err, "gateway", "-> " + o.upstream(), g::reload, g::drain);
  }

  /** What stops a server gracefully. */
  @FunctionalInterface
  interface Drain {
    void run() throws InterruptedException;
  }

  /**
   * Prints the listening line, then waits for SIGTERM or SIGINT (graceful drain) while SIGHUP calls
   * {@code reload}. Shared with {@code corsair dev}.
   */
  static int serveUntilStopped(
      ProxyServer server,
      PrintStream out,
      PrintStream err,
      String command,
      String suffix,
      java.util.function.Supplier<String> reload,
      Drain drain) {
    CountDownLatch stop = new CountDownLatch(1);
    boolean signals = Signals.on("TERM", stop::countDown);
    Signals.on("INT", stop::countDown);
    if (reload != null) {
      Signals.on("HUP", () -> err.println("corsair " + command + ": " + reload.get()));
    }
    if (!signals) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    }
    java.net.InetSocketAddress a = server.address();
    out.println(
        "corsair "
            + command
            + " listening on "
            + new Listen(a.getAddress().getHostAddress(), a.getPort()).url()
            + " "
            + suffix
            + (server.adminAddress() == null
                ? ""
                : " (health: http://"
                    + a.getAddress().getHostAddress()
                    + ":"
                    + server.adminAddress().getPort()
                    + "/health)"));
    out.flush();
    try {
      stop.await();
      err.println("corsair " + command + ": stopping; in-flight requests may finish");
      drain.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
    return 0;
  }
}
