package dev.corsair.gateway;

import dev.corsair.CorsEngine;
import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import dev.corsair.tools.UsageException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
          "         [--client-header-timeout S] [--client-body-timeout S] [--keepalive-timeout S]",
          "         [--max-requests-per-connection N] [--max-connections N]",
          "         [--refusal-log-window S] [--refusal-log-level off|error|warning|info|...]",
          "  The policy comes from CORS_* variables and/or the YAML FILE (variables win).",
          "  Listens on 127.0.0.1:8080 by default. SIGTERM drains, SIGHUP reloads FILE.");

  private static final ArgParser ARGS =
      ArgParser.builder("gateway", USAGE)
          .option("--upstream")
          .option("--listen")
          .option("--config")
          .option("--upstream-timeout")
          .option("--upstream-ca")
          .flag("--preserve-host")
          .option("--admin-port")
          .option("--access-log")
          .option("--grace")
          .option("--refusal-log-window")
          .option("--refusal-log-level")
          .option("--client-header-timeout")
          .option("--client-body-timeout")
          .option("--keepalive-timeout")
          .option("--max-requests-per-connection")
          .option("--max-connections")
          .build();

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
      Duration grace,
      Map<String, String> limits,
      Duration refusalLogWindow,
      System.Logger.Level refusalLogLevel) {

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the option and what to write instead
     */
    static Options parse(List<String> args) {
      return of(ARGS.parse(args));
    }

    private static Options of(Args a) {
      if (!a.positionals().isEmpty()) {
        String p = a.positionals().get(0);
        throw new UsageException(
            "unexpected argument '" + p + "'; give the upstream as --upstream " + p);
      }
      String upstream = a.value("--upstream");
      if (upstream == null) {
        throw new UsageException(
            "--upstream is required: the backend to proxy, e.g. --upstream http://127.0.0.1:3000");
      }
      String listen = a.value("--listen");
      String config = a.value("--config");
      String timeout = a.value("--upstream-timeout");
      String admin = a.value("--admin-port");
      String grace = a.value("--grace");
      return new Options(
          upstream,
          listen == null
              ? new Listen("127.0.0.1", 8080)
              : Listen.parse("--listen", listen, "127.0.0.1"),
          config == null ? null : Path.of(config),
          timeout == null ? Duration.ofSeconds(30) : seconds("--upstream-timeout", timeout),
          a.value("--upstream-ca"),
          a.has("--preserve-host"),
          admin == null ? -1 : Listen.parse("--admin-port", admin, "127.0.0.1").port(),
          a.value("--access-log", "-"),
          grace == null ? Duration.ofSeconds(10) : seconds("--grace", grace),
          limits(a),
          refusalLogWindow(a.value("--refusal-log-window")),
          refusalLogLevel(a.value("--refusal-log-level")));
    }

    /** {@code --refusal-log-window S}: 0 logs every refusal in full; null when not given. */
    private static Duration refusalLogWindow(String value) {
      if (value == null) {
        return null;
      }
      try {
        double s = Double.parseDouble(value);
        if (s >= 0 && s <= 86400) {
          return Duration.ofMillis(Math.round(s * 1000));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "--refusal-log-window "
              + value
              + ": not a number of seconds (0 logs every refusal); write e.g. 60");
    }

    /** {@code --refusal-log-level off|error|warning|info|debug|trace}; null when not given. */
    private static System.Logger.Level refusalLogLevel(String value) {
      if (value == null) {
        return null;
      }
      for (System.Logger.Level l :
          List.of(
              System.Logger.Level.OFF,
              System.Logger.Level.ERROR,
              System.Logger.Level.WARNING,
              System.Logger.Level.INFO,
              System.Logger.Level.DEBUG,
              System.Logger.Level.TRACE)) {
        if (l.name().equalsIgnoreCase(value)) {
          return l;
        }
      }
      throw new IllegalArgumentException(
          "--refusal-log-level "
              + value
              + ": not a level; write off, error, warning, info (the default), debug or trace");
    }

    /** The client limits given as flags, by key, each value checked. */
    private static Map<String, String> limits(Args a) {
      Map<String, String> limits = new LinkedHashMap<>();
      for (String key : ClientLimits.KEYS) {
        String value = a.value("--" + key);
        if (value != null) {
          ClientLimits.DEFAULTS.with(Map.of(key, value), "--"); // throws for a bad value
          limits.put(key, value);
        }
      }
      return limits;
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
        engine.set(withRefusalLog(l.engine(), options));
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
    ClientLimits limits = ClientLimits.DEFAULTS;
    if (o.config() != null) {
      limits =
          limits.with(ClientLimits.fromYaml(o.config()), o.config().getFileName() + " limits.");
    }
    limits = limits.with(o.limits(), "--");
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
    AtomicReference<CorsEngine> engine = new AtomicReference<>(withRefusalLog(loaded.engine(), o));
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
            log,
            limits,
            err);
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

  /**
   * The engine with the refusal log the flags ask for (they win over {@code cors.log-window} and
   * {@code cors.log-level} in the policies), or {@code engine} itself when no flag was given.
   */
  static CorsEngine withRefusalLog(CorsEngine engine, Options o) {
    if (o.refusalLogWindow() == null && o.refusalLogLevel() == null) {
      return engine;
    }
    CorsEngine.Builder b = CorsEngine.builder();
    engine.policies().forEach(b::policy);
    if (o.refusalLogWindow() != null) {
      b.refusalLogWindow(o.refusalLogWindow());
    }
    if (o.refusalLogLevel() != null) {
      b.logRejectionsAt(o.refusalLogLevel());
    }
    return b.build();
  }

  /** Runs until stopped; returns the exit status (2 for bad arguments or configuration). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.equals(List.of("--self-test"))) {
      return SelfTest.run(out, err);
    }
    OutOfMemory.exitOnUncaught();
    Options o;
    try {
      Args a = ARGS.parse(args);
      if (a.help()) {
        return ARGS.help(out);
      }
      o = Options.of(a);
    } catch (IllegalArgumentException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    Running g;
    try {
      g = start(o, env, err);
    } catch (IllegalArgumentException e) {
      // CorsConfigException included: the message names the setting, the value and the fix.
      return ARGS.configError(err, e.getMessage());
    } catch (Exception e) {
      return ARGS.configError(
          err,
          "cannot listen on "
              + o.listen().url()
              + ": "
              + e.getMessage()
              + "; pick another port with --listen");
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
    return ExitStatus.OK;
  }
}
