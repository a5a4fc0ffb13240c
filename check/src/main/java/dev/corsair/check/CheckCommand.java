package dev.corsair.check;

import dev.corsair.check.Browser.Outcome;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.RoundTrip;
import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import dev.corsair.tools.Json;
import dev.corsair.tools.UsageException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code corsair check URL --origin ORIGIN ...}: predicts the verdict of Chromium, Firefox or
 * Safari.
 */
public final class CheckCommand {
  private CheckCommand() {}

  static final String USAGE =
      "usage: corsair check URL --origin ORIGIN [-X METHOD] [-H 'Name: value']... [--credentials]"
          + " [--json] [--stack "
          + String.join("|", Stacks.NAMES)
          + "] [--browser chromium|firefox|safari]";

  /** Seconds to wait for a connection and for each response. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final ArgParser ARGS =
      ArgParser.builder("check", USAGE)
          .option("--origin")
          .option("-X", "--method")
          .repeatable("-H", "--header")
          .option("--stack")
          .option("--browser")
          .flag("--credentials")
          .flag("--json")
          .build();

  /**
   * Runs the command; returns the exit status: {@link ExitStatus#OK} allowed, {@link
   * ExitStatus#PROBLEM_FOUND} blocked, {@link ExitStatus#USAGE}, {@link ExitStatus#NETWORK}.
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Fetch f;
    String stack;
    boolean json;
    Engine engine;
    try {
      Args a = ARGS.parse(args);
      if (a.help()) {
        return ARGS.help(out);
      }
      stack = stack(a.value("--stack"));
      json = a.has("--json");
      engine = engine(a.value("--browser", "chromium"));
      f = fetch(a);
    } catch (IllegalArgumentException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    Outcome o = new Browser(new SocketTransport(TIMEOUT), engine).fetch(f);
    if (json) {
      out.println(Json.write(toJson(f, o, stack)));
    } else {
      printHuman(out, f, o, stack);
    }
    for (String d : f.dropped) {
      err.println(
          ARGS.prefix()
              + "note: fetch() silently drops the header "
              + d
              + " (a forbidden request header), so it was not sent");
    }
    return o.allowed()
        ? ExitStatus.OK
        : o.networkError() != null ? ExitStatus.NETWORK : ExitStatus.PROBLEM_FOUND;
  }

  /**
   * The call the command line describes.
   *
   * @throws IllegalArgumentException naming the argument to change
   */
  private static Fetch fetch(Args a) {
    List<String> urls = a.positionals();
    if (urls.isEmpty()) {
      throw new UsageException("give the URL to check");
    }
    if (urls.size() > 1) {
      throw new UsageException("one URL only (got " + urls.get(0) + " and " + urls.get(1) + ")");
    }
    String origin = a.value("--origin");
    if (origin == null) {
      throw new UsageException(
          "give the page's origin with --origin, as in --origin http://localhost:5173");
    }
    List<Field> headers = new ArrayList<>();
    for (String v : a.values("-H")) {
      int colon = v.indexOf(':');
      if (colon <= 0) {
        throw new UsageException("-H '" + v + "': write a header as 'Name: value'");
      }
      headers.add(new Field(v.substring(0, colon).trim(), v.substring(colon + 1)));
    }
    return Fetch.of(urls.get(0), origin, a.value("-X", "GET"), headers, a.has("--credentials"));
  }

  private static Engine engine(String name) {
    Engine engine = Engine.parse(name);
    if (engine == null) {
      throw new UsageException(
          "--browser " + name + ": use one of chromium, firefox, safari (or webkit)");
    }
    return engine;
  }

  /** The --stack value checked against the known stacks; null when not given. */
  static String stack(String name) {
    if (name != null && !Stacks.NAMES.contains(name)) {
      throw new UsageException(
          "--stack " + name + ": use one of " + String.join(", ", Stacks.NAMES));
    }
    return name;
  }

  private static void printHuman(PrintStream out, Fetch f, Outcome o, String stack) {
    String call = f.method + " " + Http.canonical(f.url) + " from origin " + f.origin;
    if (o.allowed()) {
      RoundTrip last = o.response();
      out.println(
          "allowed: "
              + o.engine().displayName
              + " lets the page read the response to "
              + call
              + " (status "
              + last.response().status()
              + ")");
    } else if (o.networkError() != null) {
      out.println("network error: " + call + " failed: " + o.networkError());
    } else {
      out.println("blocked by CORS: " + call);
      out.println();
      out.println("  " + o.message());
      if (o.engine() == Engine.SAFARI) {
        out.println("  " + WebKitMessage.FETCH_CANNOT_LOAD.replace("%s", o.initialUrl()));
      }
    }
    out.println();
    out.println("Exchange:");
    if (o.roundTrips().isEmpty()) {
      out.println("  (nothing was received)");
    }
    for (RoundTrip e : o.roundTrips()) {
      out.println("  " + e.kind() + ":");
      out.println("    > " + e.request().method() + " " + Http.canonical(e.request().url()));
      for (Field h : e.request().headers()) {
        out.println("    > " + h);
      }
      out.println("    < " + e.response().status());
      for (Field h : e.response().headers()) {
        out.println("    < " + h);
      }
      String body = e.response().body().strip();
      if (!body.isEmpty() && (e.kind().equals("preflight") || e.response().status() >= 400)) {
        String oneLine = body.replaceAll("\\s+", " ");
        out.println(
            "    < (body) "
                + (oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine));
      }
    }
    if (!o.allowed() && o.error() != null && o.preflight() != null && o.response() == null) {
      out.println("  (the actual " + f.method + " was not sent: the preflight failed)");
    }
    for (String note : Advice.notes(f, o)) {
      out.println();
      out.println("Note: " + note);
    }
    String reason = Advice.reason(f, o);
    if (reason != null) {
      out.println();
      out.println("Why: " + reason);
    }
    List<String> fixes = Advice.fixes(f, o);
    if (!fixes.isEmpty()) {
      out.println();
      out.println("Fix:");
      for (String fix : fixes) {
        out.println("  - " + fix);
      }
      if (stack != null) {
        Stacks.Fix fix = Stacks.fix(stack, Advice.need(f, o));
        out.println();
        out.println("Fix for " + stack + ":");
        for (String note : fix.notes()) {
          out.println("  - " + note);
        }
        out.println();
        out.println(fix.snippet());
      } else {
        out.println("  (add --stack " + String.join("|", Stacks.NAMES) + " for configuration)");
      }
    }
  }

  /** The JSON object of a check; {@code stack} may be null (no {@code fix} field then). */
  static Map<String, Object> toJson(Fetch f, Outcome o, String stack) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed", o.allowed());
    m.put("browser", o.engine().id);
    m.put("url", Http.canonical(f.url));
    m.put("origin", f.origin);
    m.put("method", f.method);
    m.put("credentials", f.credentials);
    RoundTrip pre = o.preflight();
    m.put("preflight", pre == null ? null : roundTrip(pre));
    RoundTrip res = o.response();
    m.put("response", res == null ? null : response(res.response()));
    if (o.error() != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("code", o.error().code);
      e.put("message", o.message());
      m.put("error", e);
    } else if (o.networkError() != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("code", "NetworkError");
      e.put("message", o.networkError());
      m.put("error", e);
    } else {
      m.put("error", null);
    }
    m.put("reason", Advice.reason(f, o));
    List<Object> fixes = new ArrayList<>(Advice.fixes(f, o));
    m.put("fixes", fixes);
    m.put("notes", new ArrayList<Object>(Advice.notes(f, o)));
    if (stack != null) {
      Map<String, Object> fix = null;
      if (!fixes.isEmpty()) {
        Stacks.Fix x = Stacks.fix(stack, Advice.need(f, o));
        fix = new LinkedHashMap<>();
        fix.put("stack", x.stack());
        fix.put("snippet", x.snippet());
        fix.put("notes", new ArrayList<Object>(x.notes()));
      }
      m.put("fix", fix);
    }
    List<Object> all = new ArrayList<>();
    for (RoundTrip e : o.roundTrips()) {
      Map<String, Object> x = roundTrip(e);
      x.put("kind", e.kind());
      all.add(x);
    }
    m.put("exchanges", all);
    return m;
  }

  private static Map<String, Object> roundTrip(RoundTrip e) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("method", e.request().method());
    req.put("url", Http.canonical(e.request().url()));
    req.put("headers", headers(e.request().headers()));
    m.put("request", req);
    m.put("response", response(e.response()));
    return m;
  }

  private static Map<String, Object> response(Http.Response r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.status());
    m.put("headers", headers(r.headers()));
    return m;
  }

  /** Header lines as an object; a name sent on several lines maps to the values joined by ", ". */
  private static Map<String, Object> headers(List<Field> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Field f : fields) {
      String key = null;
      for (String k : m.keySet()) {
        if (k.equalsIgnoreCase(f.name())) {
          key = k;
        }
      }
      if (key == null) {
        m.put(f.name(), f.value());
      } else {
        m.put(key, m.get(key) + ", " + f.value());
      }
    }
    return m;
  }
}
