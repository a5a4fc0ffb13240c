package dev.corsair.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and writes {@code docs/benchmarks.md}: first the correctness table (each
 * filter's output checked for each scenario; a wrong one is reported, not timed), then JMH with
 * {@code -prof gc} for the right ones, then the tables and the goals of issue 9.
 *
 * <p>Arguments: {@code --out FILE} (default {@code docs/benchmarks.md}), {@code --smoke} (one fork,
 * no warm-up, one 50 ms iteration, C1 only, scenarios b and d only after all are checked, no
 * profiler: only keeps the benchmarks compiling and running; fails when one of corsair's own
 * subjects is wrong), {@code --forks N}, {@code --warmup N}, {@code --iterations N}, {@code --time
 * SECONDS}, {@code --command TEXT} (the command line to print).
 */
public final class Report {
  private final Options o;
  private final PrintStream log;

  /** Measured ns/op and B/op (NaN when not measured). */
  private final Map<String, double[]> results = new LinkedHashMap<>();

  private final Map<String, Verdict> verdicts = new LinkedHashMap<>();

  private Report(Options o, PrintStream log) {
    this.o = o;
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Report r = new Report(o, System.out);
    String loadBefore = loadAverage();
    Instant start = Instant.now();
    r.checkAll();
    r.measureAll();
    String md = r.markdown(start, loadBefore, loadAverage());
    Path out = Path.of(o.out);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
    if (o.smoke) {
      List<String> wrong = new ArrayList<>();
      r.verdicts.forEach(
          (k, v) -> {
            if (k.contains("corsair") && !v.ok()) {
              wrong.add(k + ": " + v);
            }
          });
      if (!wrong.isEmpty()) {
        throw new IllegalStateException("corsair's output is wrong: " + wrong);
      }
    }
  }

  // ------------------------------------------------------------------ subjects

  private static String key(String api, String subject, Scenario s) {
    return api + "/" + subject + "/" + s.name();
  }

  private void checkAll() {
    for (ServletFilters f : ServletFilters.values()) {
      for (Scenario s : Scenario.values()) {
        verdicts.put(key("servlet", name(f), s), check(() -> new ServletFixture(f, s)));
      }
    }
    for (Scenario s : Scenario.values()) {
      verdicts.put(key("jetty", "jetty", s), check(() -> new JettyFixture(s)));
    }
    for (JdkFilters f : JdkFilters.values()) {
      for (Scenario s : Scenario.values()) {
        verdicts.put(key("jdkhttp", name(f), s), check(() -> new JdkFixture(f, s)));
      }
    }
    for (Scenario s : Scenario.values()) {
      verdicts.put(key("engine", "corsair", s), check(() -> new EngineFixture(s)));
    }
    verdicts.forEach((k, v) -> log.println("check " + k + ": " + v));
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Verdict check(Fixture.Creator<? extends Fixture> creator) {
    try {
      return creator.create().verify();
    } catch (Exception | LinkageError e) {
      return Verdict.wrong("cannot be set up: " + e);
    }
  }

  private List<String> rightScenarios(String api, String subject) {
    List<String> out = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      if (verdicts.get(key(api, subject, s)).ok()) {
        out.add(s.name());
      }
    }
    return out;
  }

  private void measureAll() throws RunnerException {
    for (ServletFilters f : ServletFilters.values()) {
      measure("servlet", name(f), ServletBench.class, f.name());
    }
    measure("jetty", "jetty", JettyBench.class, null);
    for (JdkFilters f : JdkFilters.values()) {
      measure("jdkhttp", name(f), JdkBench.class, f.name());
    }
    measure("engine", "corsair", EngineBench.class, null);
  }

  private void measure(String api, String subject, Class<?> bench, String filter)
      throws RunnerException {
    List<String> scenarios = rightScenarios(api, subject);
    if (o.smoke) {
      // Every subject's setup already ran in checkAll(); two requests per subject keep each
      // benchmark running in JMH's forked VM without spending a minute on it.
      scenarios.retainAll(List.of(Scenario.B_ALLOWED.name(), Scenario.D_PREFLIGHT.name()));
    }
    if (scenarios.isEmpty()) {
      return;
    }
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .include("^" + bench.getName().replace(".", "\\.") + "\\.")
            .param("scenario", scenarios.toArray(new String[0]))
            .forks(o.forks)
            .warmupIterations(o.warmup)
            .warmupTime(TimeValue.milliseconds(o.millis))
            .measurementIterations(o.iterations)
            .measurementTime(TimeValue.milliseconds(o.millis))
            .shouldFailOnError(true);
    if (o.smoke) {
      b.jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    } else {
      b.jvmArgsAppend("-Xms1g", "-Xmx1g");
    }
    if (filter != null) {
      b.param("filter", filter);
    }
    if (!o.smoke) {
      b.addProfiler(GCProfiler.class);
    }
    Collection<RunResult> run = new Runner(b.build()).run();
    for (RunResult r : run) {
      BenchmarkParams p = r.getParams();
      Scenario s = Scenario.valueOf(p.getParam("scenario"));
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      results.put(
          key(api, subject, s),
          new double[] {
            primary.getScore(),
            primary.getScoreError(),
            alloc == null ? Double.NaN : alloc.getScore()
          });
    }
  }

  // ------------------------------------------------------------------ the page

  private double ns(String api, String subject, Scenario s) {
    double[] r = results.get(key(api, subject, s));
    return r == null ? Double.NaN : r[0];
  }

  private double bytes(String api, String subject, Scenario s) {
    double[] r = results.get(key(api, subject, s));
    return r == null ? Double.NaN : r[2];
  }

  private String cell(String api, String subject, Scenario s) {
    double[] r = results.get(key(api, subject, s));
    if (r == null) {
      Verdict v = verdicts.get(key(api, subject, s));
      return v == null || v.ok() ? "–" : "wrong";
    }
    String t = fmt(r[0]) + (Double.isNaN(r[1]) ? "" : " ± " + fmt(r[1]));
    return Double.isNaN(r[2]) ? t : t + " / " + fmtBytes(r[2]);
  }

  private static String fmt(double ns) {
    if (Double.isNaN(ns)) {
      return "–";
    }
    if (ns >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", ns);
    }
    return String.format(Locale.ROOT, ns >= 100 ? "%.0f" : "%.1f", ns);
  }

  private static String fmtBytes(double b) {
    return Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%,.0f B", b < 0.5 ? 0.0 : b);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0
        ? "–"
        : String.format(Locale.ROOT, "%.2f×", a / b);
  }

  private String markdown(Instant start, String loadBefore, String loadAfter) {
    StringBuilder m = new StringBuilder();
    m.append("# Benchmarks\n\n");
    m.append(
        "Generated by `benchmarks/run.sh` (do not edit by hand; run it again). What each figure"
            + " is, the policy and the lean request objects are described in"
            + " [the benchmark module](../benchmarks/README.md).\n\n");
    m.append("| | |\n|---|---|\n");
    m.append("| command | `").append(o.command).append("` |\n");
    m.append("| mode | ")
        .append(
            o.smoke
                ? "**smoke run**: figures are not measurements"
                : o.forks
                    + " fork, "
                    + o.warmup
                    + " × "
                    + o.millis
                    + " ms warm-up, "
                    + o.iterations
                    + " × "
                    + o.millis
                    + " ms measurement, `-prof gc`, heap 1 GB")
        .append(" |\n");
    m.append("| date | ")
        .append(start.truncatedTo(ChronoUnit.SECONDS))
        .append(" to ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" |\n");
    m.append("| JDK | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" |\n");
    m.append("| machine | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(cpuModel())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(" |\n");
    m.append("| load average (1, 5, 15 min) | before ")
        .append(loadBefore)
        .append(", after ")
        .append(loadAfter)
        .append(" |\n");
    m.append(
        "| versions | Tomcat 11.0.27, Spring 6.2.19, cors-filter 3.1 (Jakarta), Jetty 12.1.14, JMH"
            + " 1.37 |\n\n");

    m.append("## Correctness (checked before timing)\n\n");
    m.append(
        "Each subject's output for each request, checked as a browser would (allow-origin,"
            + " credentials, methods and headers of an allowed preflight; nothing allowed for a"
            + " refused origin; a preflight never reaches the application). A wrong one is not"
            + " timed. Notes are differences from corsair's contract that a browser does not"
            + " see.\n\n");
    header(m, "subject");
    for (String subject : subjects()) {
      m.append("| ").append(title(subject));
      for (Scenario s : Scenario.values()) {
        m.append(" | ").append(verdicts.get(subject + "/" + s.name()));
      }
      m.append(" |\n");
    }

    m.append("\n## Servlet API: ns/op ± error / B/op\n\n");
    m.append(
        "Per request, through `Filter.doFilter` with the lean request, response and chain (the"
            + " application writes a five-byte body). Jetty's `CrossOriginHandler` runs through"
            + " Jetty's own core API with equally lean objects; it is shown, not counted: it"
            + " validates neither the method nor the headers of a preflight.\n\n");
    m.append("| scenario |");
    for (ServletFilters f : ServletFilters.values()) {
      m.append(' ').append(f.title()).append(" |");
    }
    m.append(" Jetty 12 (core API) |\n|---|");
    for (int i = 0; i <= ServletFilters.values().length; i++) {
      m.append("---:|");
    }
    m.append('\n');
    for (Scenario s : Scenario.values()) {
      m.append("| (").append(s.letter()).append(") ").append(s.label());
      for (ServletFilters f : ServletFilters.values()) {
        m.append(" | ").append(cell("servlet", name(f), s));
      }
      m.append(" | ").append(cell("jetty", "jetty", s)).append(" |\n");
    }

    m.append("\n### Ratios\n\n");
    m.append(
        "| scenario | corsair ÷ floor | fastest of Tomcat, Spring, cors-filter | that ÷ corsair"
            + " |\n|---|---:|---|---:|\n");
    for (Scenario s : Scenario.values()) {
      double c = ns("servlet", "corsair", s);
      String best = bestPeer(s);
      row(
          m,
          s,
          ratio(c, ns("servlet", "floor", s)),
          best == null ? "–" : title("servlet/" + best),
          best == null ? "–" : ratio(ns("servlet", best, s), c));
    }

    m.append("\n## JDK HttpServer: ns/op ± error / B/op\n\n");
    m.append(
        "`CorsHttpFilter` against the floor, through `Filter.Chain` with a lean `HttpExchange`"
            + " (the JDK's own `Headers`; a new `Filter.Chain` per request, as the server"
            + " does).\n\n");
    m.append("| scenario | corsair | floor | corsair ÷ floor |\n|---|---:|---:|---:|\n");
    for (Scenario s : Scenario.values()) {
      row(
          m,
          s,
          cell("jdkhttp", "corsair", s),
          cell("jdkhttp", "floor", s),
          ratio(ns("jdkhttp", "corsair", s), ns("jdkhttp", "floor", s)));
    }

    m.append("\n## Engine alone: ns/op ± error / B/op\n\n");
    m.append(
        "`CorsEngine.decide` and `CorsDecision.writeHeaders` into a writer that does nothing: the"
            + " decision without any server API.\n\n");
    m.append("| scenario | corsair engine |\n|---|---:|\n");
    for (Scenario s : Scenario.values()) {
      row(m, s, cell("engine", "corsair", s));
    }

    m.append("\n## Goals (issue 9)\n\n");
    m.append("| goal | measured | |\n|---|---|---|\n");
    for (String[] g : goals()) {
      m.append("| ").append(g[0]).append(" | ").append(g[1]).append(" | ").append(g[2]);
      m.append(" |\n");
    }
    return m.toString();
  }

  /** One table row: the scenario, then {@code cells}. */
  private static void row(StringBuilder m, Scenario s, String... cells) {
    m.append("| (").append(s.letter()).append(") ").append(s.label());
    for (String c : cells) {
      m.append(" | ").append(c);
    }
    m.append(" |\n");
  }

  private static void header(StringBuilder m, String first) {
    m.append("| ").append(first).append(" |");
    for (Scenario s : Scenario.values()) {
      m.append(" (").append(s.letter()).append(") ").append(s.label()).append(" |");
    }
    m.append("\n|---|");
    for (int i = 0; i < Scenario.values().length; i++) {
      m.append("---|");
    }
    m.append('\n');
  }

  private List<String> subjects() {
    List<String> out = new ArrayList<>();
    for (String k : verdicts.keySet()) {
      String subject = k.substring(0, k.lastIndexOf('/'));
      if (!out.contains(subject)) {
        out.add(subject);
      }
    }
    return out;
  }

  private static String title(String subject) {
    Map<String, String> t = new LinkedHashMap<>();
    for (ServletFilters f : ServletFilters.values()) {
      t.put("servlet/" + name(f), f.title() + " (servlet)");
    }
    t.put("jetty/jetty", "Jetty 12 CrossOriginHandler (core API)");
    t.put("jdkhttp/corsair", "corsair (JDK HttpServer)");
    t.put("jdkhttp/floor", "floor (JDK HttpServer)");
    t.put("engine/corsair", "corsair engine alone");
    return t.getOrDefault(subject, subject);
  }

  private String bestPeer(Scenario s) {
    String best = null;
    for (ServletFilters f :
        new ServletFilters[] {
          ServletFilters.TOMCAT, ServletFilters.SPRING, ServletFilters.CORS_FILTER
        }) {
      double v = ns("servlet", name(f), s);
      if (!Double.isNaN(v) && (best == null || v < ns("servlet", best, s))) {
        best = name(f);
      }
    }
    return best;
  }

  private List<String[]> goals() {
    List<String[]> g = new ArrayList<>();
    Map<Scenario, Double> limit = new EnumMap<>(Scenario.class);
    limit.put(Scenario.D_PREFLIGHT, 1.5);
    limit.put(Scenario.E_PREFLIGHT_DISALLOWED, 1.5);
    limit.put(Scenario.A_NO_ORIGIN, 2.0);
    limit.put(Scenario.B_ALLOWED, 2.0);
    limit.put(Scenario.C_DISALLOWED, 2.0);
    limit.put(Scenario.F_THOUSAND_ORIGINS, 2.0);
    limit.forEach(
        (s, l) -> {
          double r = ns("servlet", "corsair", s) / ns("servlet", "floor", s);
          g.add(
              new String[] {
                "servlet: corsair ≤ " + l + "× floor on (" + s.letter() + ")",
                ratio(ns("servlet", "corsair", s), ns("servlet", "floor", s)),
                verdict(r <= l, r)
              });
        });
    for (Scenario s :
        new Scenario[] {
          Scenario.B_ALLOWED,
          Scenario.C_DISALLOWED,
          Scenario.D_PREFLIGHT,
          Scenario.E_PREFLIGHT_DISALLOWED,
          Scenario.F_THOUSAND_ORIGINS
        }) {
      String best = bestPeer(s);
      double r = best == null ? Double.NaN : ns("servlet", best, s) / ns("servlet", "corsair", s);
      g.add(
          new String[] {
            "servlet: ≥ 3× faster than the fastest peer on (" + s.letter() + ")",
            best == null
                ? "–"
                : ratio(ns("servlet", best, s), ns("servlet", "corsair", s))
                    + " ("
                    + title("servlet/" + best)
                    + ")",
            verdict(r >= 3, r)
          });
    }
    for (Scenario s :
        new Scenario[] {Scenario.A_NO_ORIGIN, Scenario.B_ALLOWED, Scenario.D_PREFLIGHT}) {
      double b = bytes("servlet", "corsair", s);
      g.add(
          new String[] {
            "servlet: corsair ≤ 64 B/op on (" + s.letter() + ")", fmtBytes(b), verdict(b <= 64, b)
          });
    }
    for (Scenario s : Scenario.values()) {
      double b = bytes("engine", "corsair", s);
      g.add(
          new String[] {
            "engine alone: 0 B/op on (" + s.letter() + ")", fmtBytes(b), verdict(b < 0.5, b)
          });
    }
    for (String api : new String[] {"servlet", "jdkhttp", "engine"}) {
      double t = ns(api, "corsair", Scenario.G_HOSTILE_HEADERS);
      g.add(new String[] {api + ": (g) under 50 µs", fmt(t) + " ns", verdict(t < 50_000, t)});
    }
    return g;
  }

  private String verdict(boolean met, double value) {
    if (o.smoke) {
      return "(smoke run)";
    }
    return Double.isNaN(value) ? "not measured" : met ? "met" : "**missed**";
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "unknown CPU";
  }

  /** The command-line options. */
  private static final class Options {
    String out = "docs/benchmarks.md";
    boolean smoke;
    int forks = 1;
    int warmup = 3;
    int iterations = 5;
    long millis = 1000;
    String command = "benchmarks/run.sh";

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--smoke":
            o.smoke = true;
            o.warmup = 0;
            o.iterations = 1;
            o.millis = 50;
            break;
          case "--out":
            o.out = args[++i];
            break;
          case "--forks":
            o.forks = Integer.parseInt(args[++i]);
            break;
          case "--warmup":
            o.warmup = Integer.parseInt(args[++i]);
            break;
          case "--iterations":
            o.iterations = Integer.parseInt(args[++i]);
            break;
          case "--time":
            o.millis = Math.round(Double.parseDouble(args[++i]) * 1000);
            break;
          case "--command":
            o.command = args[++i];
            break;
          default:
            throw new IllegalArgumentException(
                "unknown argument '"
                    + a
                    + "'; use --out FILE, --smoke, --forks N, --warmup N, --iterations N, --time"
                    + " SECONDS, --command TEXT");
        }
      }
      return o;
    }
  }
}
