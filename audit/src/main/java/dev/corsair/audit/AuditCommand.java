package dev.corsair.audit;

import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import dev.corsair.tools.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** {@code corsair audit URL ...}: probes a server for CORS misconfigurations. */
public final class AuditCommand {
  private AuditCommand() {}

  static final double DEFAULT_RATE = 10;

  static final int DEFAULT_TIMEOUT_SECONDS = 10;

  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair audit URL [--origin TRUSTED_ORIGIN] [--json] [--fail-on low|medium|high|critical]",
          "                         [--sarif FILE] [--rate N] [--timeout SECONDS]",
          "",
          "Probes URL with crafted Origin headers derived from TRUSTED_ORIGIN (default: the URL's own",
          "origin) and reports CORS misconfigurations, each with an id, a severity, the probe that",
          "proved it and the fix.",
          "",
          "  --origin ORIGIN   the origin the server is meant to trust, e.g. https://app.example.com",
          "  --json            print {\"url\":..., \"findings\":[{id, severity, origin, evidence, fix}]}",
          "  --fail-on LEVEL   exit 1 when a finding is at or above LEVEL (default medium)",
          "  --sarif FILE      also write the findings as SARIF 2.1.0 to FILE",
          "  --rate N          at most N requests per second (default 10)",
          "  --timeout SECONDS connect and response timeout per request (default 10)",
          "",
          "Polite: at most "
              + Prober.MAX_REQUESTS
              + " requests per run, one at a time, no redirect followed to another origin,",
          "User-Agent: corsair-audit/VERSION.",
          "Exit status: 0 no finding at or above --fail-on, 1 there is one, 2 bad arguments,",
          "3 the target cannot be reached.");

  private static final ArgParser ARGS =
      ArgParser.builder("audit", USAGE)
          .option("--origin")
          .option("--fail-on")
          .option("--sarif")
          .option("--rate")
          .option("--timeout")
          .flag("--json")
          .build();

  /**
   * Runs the command; returns the exit status (0 clean, 1 findings at or above --fail-on, 2 usage,
   * 3 network).
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
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
    String version = version();
    Prober prober =
        new Prober(o.rate, Duration.ofSeconds(o.timeoutSeconds), "corsair-audit/" + version);
    Auditor.Result result;
    try {
      result = new Auditor(prober).audit(o.url, o.trusted);
    } catch (IOException e) {
      err.println(ARGS.prefix() + "cannot reach " + o.url + ": " + describe(e));
      return ExitStatus.NETWORK;
    }
    if (o.json) {
      result.notes().forEach(n -> err.println(ARGS.prefix() + "note: " + n));
      out.println(Reports.json(result));
    } else {
      out.print(Reports.human(result, o.failOn));
    }
    if (o.sarif != null) {
      try {
        Files.writeString(o.sarif, Reports.sarif(result, version), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return ARGS.configError(err, "cannot write the SARIF file " + o.sarif + ": " + e);
      }
    }
    boolean fails = result.findings().stream().anyMatch(f -> f.severity().compareTo(o.failOn) >= 0);
    return fails ? ExitStatus.PROBLEM_FOUND : ExitStatus.OK;
  }

  private static String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer in time (" + e.getMessage() + ")";
    }
    if (e instanceof ConnectException) {
      return "connection refused or failed"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The version from the build ({@code dev}) when run from classes without resources. */
  static String version() {
    try (InputStream in = AuditCommand.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed command line; every problem is an IllegalArgumentException naming the fix. */
  static final class Options {
    URI url;
    TrustedOrigin trusted;
    boolean json;
    Severity failOn = Severity.MEDIUM;
    Path sarif;
    double rate = DEFAULT_RATE;
    int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    /**
     * The options of a parsed command line.
     *
     * @throws IllegalArgumentException naming the argument to change
     */
    static Options of(Args a) {
      Options o = new Options();
      List<String> urls = a.positionals();
      if (urls.isEmpty()) {
        throw new UsageException("give the URL to audit, e.g. https://api.example.com/me");
      }
      if (urls.size() > 1) {
        throw new UsageException(
            "one URL only: got '" + urls.get(0) + "' and '" + urls.get(1) + "'");
      }
      o.json = a.has("--json");
      for (String name : List.of("--origin", "--fail-on", "--sarif", "--rate", "--timeout")) {
        String value = a.value(name);
        if (value != null) {
          o.set(name, value);
        }
      }
      o.url = parseUrl(urls.get(0));
      return o;
    }

    private void set(String name, String value) {
      switch (name) {
        case "--origin":
          trusted = TrustedOrigin.parse(value);
          if (trusted == null) {
            throw new IllegalArgumentException(
                "--origin '"
                    + value
                    + "' is not an origin: write scheme://host[:port] without a path or trailing"
                    + " slash, e.g. https://app.example.com");
          }
          break;
        case "--fail-on":
          failOn = Severity.parse(value);
          if (failOn == null) {
            throw new IllegalArgumentException(
                "--fail-on '" + value + "': use low, medium, high or critical");
          }
          break;
        case "--sarif":
          if (value.isEmpty()) {
            throw new IllegalArgumentException("--sarif needs a file name");
          }
          sarif = Path.of(value);
          break;
        case "--rate":
          rate = number(name, value, 0.1, 10_000);
          break;
        default:
          double seconds = number(name, value, 1, 600);
          if (seconds != Math.rint(seconds)) {
            throw new IllegalArgumentException(name + " '" + value + "': use whole seconds");
          }
          timeoutSeconds = (int) seconds;
      }
    }

    private static double number(String name, String value, double min, double max) {
      double d;
      try {
        d = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        d = Double.NaN;
      }
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException(
            name + " '" + value + "': use a number from " + fmt(min) + " to " + fmt(max));
      }
      return d;
    }

    private static String fmt(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static URI parseUrl(String s) {
      URI u;
      try {
        u = new URI(s);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + s + "' is not a URL: " + e.getReason());
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || u.getHost() == null
          || TrustedOrigin.parse(Auditor.originOf(u)) == null) {
        throw new IllegalArgumentException(
            "'" + s + "' is not an http(s) URL: write it in full, e.g. https://api.example.com/me");
      }
      return u;
    }
  }
}
