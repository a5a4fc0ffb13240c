package dev.corsair.check;

import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.ExitStatus;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code corsair explain "MESSAGE"}: explains a CORS message pasted from Chromium's, Firefox's or
 * Safari's console, offline.
 */
public final class ExplainCommand {
  private ExplainCommand() {}

  static final String USAGE =
      "usage: corsair explain [--stack "
          + String.join("|", Stacks.NAMES)
          + "] 'Access to fetch at ... has been blocked by CORS policy: ...'\n"
          + "       (a CORS error copied from Chromium's, Firefox's or Safari's console; --stack"
          + " also prints the fix as that stack's configuration)";

  private static final ArgParser ARGS =
      ArgParser.builder("explain", USAGE).option("--stack").build();

  private static final Pattern CHROMIUM =
      Pattern.compile(
          "Access to (\\S+) at '(.*?)' (?:\\(redirected from '(.*?)'\\) )?from origin '(.*?)'"
              + " has been blocked by CORS policy: (.*)");

  /** Endings Chromium has appended after the sentence, in this or older versions. */
  private static final String[] ENDINGS = {
    " Have the server send the header with a valid value, or, if an opaque response serves your"
        + " needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
    " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the"
        + " resource with CORS disabled.",
    CorsError.NO_CORS_INFORMATION,
    " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the"
        + " withCredentials attribute.",
  };

  /**
   * A message understood: which error (null when only Safari's second line was pasted), its failed
   * parameter, where it happened, which engine printed it and that engine's name for it.
   */
  record Parsed(
      CorsError error,
      String hint,
      String url,
      String redirectedFrom,
      String origin,
      String status,
      Engine engine,
      String key,
      String redirectedTo) {
    Parsed(CorsError error, String hint, String url, String redirectedFrom, String origin) {
      this(error, hint, url, redirectedFrom, origin, null, Engine.CHROMIUM, error.code, null);
    }

    Parsed(
        CorsError error,
        String hint,
        String url,
        String redirectedFrom,
        String origin,
        String status,
        Engine engine,
        String key) {
      this(error, hint, url, redirectedFrom, origin, status, engine, key, null);
    }

    /** The same, failed on a redirect to {@code target}. */
    Parsed redirectedTo(String target) {
      return new Parsed(error, hint, url, redirectedFrom, origin, status, engine, key, target);
    }
  }

  /** Runs the command; returns the exit status (0 explained, 2 not a message it knows). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    String stack;
    String text;
    try {
      Args a = ARGS.parse(args);
      if (a.help()) {
        return ARGS.help(out);
      }
      stack = CheckCommand.stack(a.value("--stack"));
      text = String.join(" ", a.positionals());
    } catch (IllegalArgumentException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    if (text.isBlank()) {
      return ARGS.usageError(err, "paste the console message as one argument");
    }
    if (text.contains("CORS request did not succeed")
        && EngineMessageParser.firefox(text) == null) {
      printFirefoxDidNotSucceed(out, text);
      return ExitStatus.OK;
    }
    if (text.contains("net::ERR_")) {
      out.println("Not a CORS refusal: the request itself failed (" + netError(text) + ").");
      out.println();
      out.println(
          "What it means: the browser got no HTTP response at all: the server is down, the host"
              + " or port is wrong, the TLS certificate is refused, or the connection was cut"
              + " (a crashing server or a proxy timeout). CORS headers cannot help here.");
      out.println("Fix: make the URL answer from a terminal first, e.g. curl -i URL.");
      return ExitStatus.OK;
    }
    Parsed p = parse(text);
    if (p == null) {
      return ARGS.usageError(
          err,
          "this is not a CORS error message I know; paste the whole line that"
              + " starts with \"Access to fetch at\" (Chromium), holds \"(Reason: ...)\""
              + " (Firefox), or Safari's two lines (\"Origin ... is not allowed by"
              + " Access-Control-Allow-Origin.\" and \"Fetch API cannot load ...\")");
    }
    print(out, p, stack);
    return ExitStatus.OK;
  }

  private static String netError(String text) {
    Matcher m = Pattern.compile("net::ERR_[A-Z_]+").matcher(text);
    return m.find() ? m.group() : "network error";
  }

  /** Parses a Chromium or Firefox CORS message; null when it is neither. */
  static Parsed parse(String raw) {
    String text = raw.replaceAll("\\s+", " ").trim();
    text = text.replace("Understand this error", "").trim();
    Matcher m = CHROMIUM.matcher(text);
    if (m.find()) {
      String sentence = m.group(5).trim();
      boolean preflight = sentence.startsWith(CorsError.PREFLIGHT_PREFIX.trim());
      if (preflight) {
        sentence = sentence.substring(CorsError.PREFLIGHT_PREFIX.trim().length()).trim();
      }
      for (String ending : ENDINGS) {
        if (sentence.endsWith(ending.trim()) && !sentence.equals(ending.trim())) {
          sentence = sentence.substring(0, sentence.length() - ending.trim().length()).trim();
        }
      }
      for (CorsError e : CorsError.values()) {
        if (e.preflight != preflight) {
          continue;
        }
        String hint = match(e.template.replace(CorsError.NO_CORS_INFORMATION, ""), sentence);
        if (hint != null) {
          String url = m.group(2);
          String from = m.group(3);
          return new Parsed(e, hint, url, from, m.group(4));
        }
      }
      return null;
    }
    Parsed firefox = EngineMessageParser.firefox(text);
    return firefox != null ? firefox : EngineMessageParser.safari(text);
  }

  private static String match(String template, String sentence) {
    int at = template.indexOf("%s");
    if (at < 0) {
      return template.equals(sentence) ? "" : null;
    }
    Pattern p =
        Pattern.compile(
            Pattern.quote(template.substring(0, at))
                + "(.*)"
                + Pattern.quote(template.substring(at + 2)));
    Matcher m = p.matcher(sentence);
    return m.matches() ? m.group(1) : null;
  }

  private static void print(PrintStream out, Parsed p, String stack) {
    if (p.error() == null) {
      printSafariSecondLine(out, p);
      return;
    }
    boolean safariOrigin = WebKitMessage.ORIGIN_NOT_ALLOWED.name().equals(p.key());
    String heading =
        safariOrigin
            ? "Access-Control-Allow-Origin does not allow the page (Safari)"
            : title(p.error(), p.hint());
    out.println(
        heading
            + " ("
            + (p.engine() == Engine.CHROMIUM
                ? p.error().code
                : p.engine().displayName + ": " + key(p))
            + ")");
    if (p.url() != null) {
      out.println("  URL:    " + p.url());
    }
    if (p.redirectedFrom() != null) {
      out.println("  after a redirect from " + p.redirectedFrom());
    }
    if (p.redirectedTo() != null) {
      out.println("  on a redirect to " + p.redirectedTo());
    }
    if (p.origin() != null) {
      out.println("  page:   " + p.origin());
    }
    if (p.status() != null) {
      out.println("  status: " + p.status());
    }
    out.println();
    if (safariOrigin) {
      out.println(
          "What it means: Safari words several causes the same way (it names the page's origin,"
              + " never the header's value):");
      for (String cause : safariOriginCauses(p.origin(), p.status())) {
        out.println("  - " + cause);
      }
    } else {
      out.println("What it means: " + meaning(p.error(), p.hint()));
    }
    if (p.engine() != Engine.CHROMIUM && !safariOrigin && isAccessError(p.error())) {
      out.println(
          "  "
              + p.engine().displayName
              + " words this the same way for the preflight's answer and for the response; the"
              + " check below shows which one it was.");
    }
    if (p.engine() == Engine.SAFARI && p.error() == CorsError.PREFLIGHT_INVALID_STATUS) {
      out.println(
          "  Safari checks the preflight's status before any header: a 3xx here is a redirect"
              + " (never followed for a preflight), a 401/403/404/405 is an OPTIONS request that"
              + " reached authentication or routing before the CORS handling.");
    }
    if (p.redirectedFrom() != null || p.redirectedTo() != null) {
      out.println(
          "  The failure is on a redirect: browsers check CORS on every hop, and after a hop to"
              + " another origin they send 'Origin: null', which the target must allow.");
    }
    if (p.status() != null && (p.status().startsWith("4") || p.status().startsWith("5"))) {
      out.println(
          "  The response is an error ("
              + p.status()
              + "): CORS headers must be on error responses too, so the CORS handling has to run"
              + " before the code that failed; fixing that error may also fix this one.");
    }
    out.println();
    out.println("Fix: " + (safariOrigin ? safariOriginFix() : fix(p.error(), p.hint())));
    if (stack != null) {
      Stacks.Fix fix = Stacks.fix(stack, need(p));
      out.println();
      out.println("Fix for " + stack + ":");
      for (String note : fix.notes()) {
        out.println("  - " + note);
      }
      out.println(
          "  - From the message alone: add the methods and headers the page also sends"
              + (need(p).credentials() ? "." : ", and credentials if it sends cookies."));
      out.println();
      out.println(fix.snippet());
    }
    printCheck(out, p);
  }

  /** The engine's own name of the message: Firefox's property key, WebKit's sentence start. */
  private static String key(Parsed p) {
    if (p.key() == null) {
      return p.error().code;
    }
    if (p.engine() == Engine.SAFARI) {
      return "\"" + WebKitMessage.valueOf(p.key()).template.replace("%s", "...") + "\"";
    }
    return p.key();
  }

  private static boolean isAccessError(CorsError e) {
    switch (e.forPreflight()) {
      case PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER:
      case PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED:
      case PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES:
      case PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE:
      case PREFLIGHT_ALLOW_ORIGIN_MISMATCH:
      case PREFLIGHT_INVALID_ALLOW_CREDENTIALS:
        return true;
      default:
        return false;
    }
  }

  /** What Safari's "Origin X is not allowed by Access-Control-Allow-Origin." can mean. */
  static List<String> safariOriginCauses(String origin, String status) {
    List<String> causes = new java.util.ArrayList<>();
    if ("null".equals(origin)) {
      causes.add(
          "the origin is 'null': the call was redirected to another origin, after which the"
              + " browser sends 'Origin: null'; the redirect's target must allow null (or *), or"
              + " the page must call the final URL directly;");
    }
    causes.add(
        "the response has no Access-Control-Allow-Origin at all: the server does not handle"
            + " CORS, not on this path, or not on this status (an error page, a 401 from"
            + " authentication, a 404 from the router: CORS headers must be on those too);");
    causes.add(
        "Access-Control-Allow-Origin names another origin: localhost vs 127.0.0.1, http vs https,"
            + " another port, a trailing slash, or a cached answer for another origin (no Vary:"
            + " Origin);");
    causes.add(
        "Access-Control-Allow-Origin is not an origin at all: empty, a bare host, 'null', a"
            + " pattern such as http://*.example.com;");
    if (status == null || status.startsWith("2")) {
      causes.add(
          "it was the preflight's answer (Safari says the same for the OPTIONS request and for the"
              + " call itself).");
    } else {
      causes.add(
          "it was the call itself, not its preflight: Safari reports a preflight with status "
              + status
              + " as \"Preflight response is not successful\" before looking at its headers.");
    }
    return causes;
  }

  private static String safariOriginFix() {
    return "send Access-Control-Allow-Origin with the page's origin exactly as the browser sends it"
        + " in Origin (scheme://host:port), and Vary: Origin, on every response of this URL,"
        + " errors and the OPTIONS answer included. Run the check below to see which cause it is.";
  }

  /** The command that shows what the server sends, as this engine would ask it. */
  private static void printCheck(PrintStream out, Parsed p) {
    if (p.url() == null) {
      return;
    }
    String first = p.redirectedFrom() != null ? p.redirectedFrom() : p.url();
    String origin = p.origin() != null && !p.origin().equals("null") ? p.origin() : "PAGE_ORIGIN";
    String browser = p.engine() == Engine.CHROMIUM ? "" : " --browser " + p.engine().id;
    out.println();
    out.println(
        "See what the server sends, as "
            + p.engine().displayName
            + " would ask it (add -X, -H, --credentials to match the call):");
    out.println("  corsair check '" + first + "' --origin " + origin + browser);
    if (origin.equals("PAGE_ORIGIN")) {
      out.println(
          "  (PAGE_ORIGIN: the origin of the page making the call, as in its address bar:"
              + " scheme://host:port)");
    }
  }

  /** Safari's "Fetch API cannot load URL due to access control checks." pasted alone. */
  private static void printSafariSecondLine(PrintStream out, Parsed p) {
    out.println("Blocked by CORS in Safari (the reason is on the line before)");
    out.println("  URL:    " + p.url());
    out.println();
    out.println(
        "What it means: Safari prints two lines for a CORS refusal: first the reason, then this"
            + " one. Paste the line above it (\"Origin ... is not allowed by"
            + " Access-Control-Allow-Origin.\", \"Preflight response is not successful.\","
            + " \"Request header field ... is not allowed ...\", ...) for its meaning. The reason"
            + " can be any of these:");
    for (String cause : safariOriginCauses(null, null)) {
      out.println("  - " + cause);
    }
    out.println(
        "  - the preflight (OPTIONS) failed: a status outside 200-299, or a method or header that"
            + " Access-Control-Allow-Methods/-Headers does not list;");
    out.println(
        "  - credentials were sent and the answer lacks Access-Control-Allow-Credentials: true.");
    printCheck(out, p);
  }

  /** Firefox's "CORS request did not succeed" without another reason in the text. */
  private static void printFirefoxDidNotSucceed(PrintStream out, String text) {
    Parsed p = EngineMessageParser.firefoxUrl(text);
    out.println("CORS request did not succeed (Firefox: CORSDidNotSucceed2)");
    if (p.url() != null) {
      out.println("  URL:    " + p.url());
    }
    out.println();
    out.println(
        "What it means: the request got no usable HTTP response. Firefox logs this line when the"
            + " connection failed (server down, wrong host or port, TLS refused, a proxy cut it),"
            + " when a redirect pointed to a URL with user:password@ in it, and also right after"
            + " another CORS error for the same URL (a failed preflight): if a \"Cross-Origin"
            + " Request Blocked\" line with another reason comes before it, that line is the"
            + " cause; explain it instead.");
    out.println("Fix: make the URL answer from a terminal first, e.g. curl -i URL.");
    printCheck(out, p);
  }

  /** The page's origin, when the message does not name it (Firefox's does not). */
  static final String UNKNOWN_ORIGIN = "https://your-page.example";

  /**
   * What the server must allow, as far as the message tells: the page's origin, a method or header
   * it names, and credentials when the error is about them.
   */
  static Stacks.Need need(Parsed p) {
    CorsError e = p.error().forPreflight();
    List<String> methods = new ArrayList<>(List.of("GET", "POST"));
    String pageMethod = null;
    if (p.error() == CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE && !p.hint().isEmpty()) {
      String upper = p.hint().toUpperCase(Locale.ROOT);
      pageMethod = upper.equals(p.hint()) ? null : upper;
      if (!methods.contains(upper)) {
        methods.add(upper);
      }
    }
    List<String> headers =
        p.error() == CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE && !p.hint().isEmpty()
            ? List.of(p.hint())
            : List.of();
    boolean credentials =
        e == CorsError.PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED
            || e == CorsError.PREFLIGHT_INVALID_ALLOW_CREDENTIALS;
    String origin = p.origin() == null || p.origin().equals("null") ? UNKNOWN_ORIGIN : p.origin();
    return new Stacks.Need(
        List.of(origin), methods, headers, credentials, List.of(), pageMethod, path(p.url()));
  }

  /** The path of the URL the message names, where the fix applies; {@code /} when unknown. */
  private static String path(String url) {
    if (url == null) {
      return "/";
    }
    try {
      String path = new URI(url).getRawPath();
      return path == null || path.isEmpty() ? "/" : path;
    } catch (URISyntaxException e) {
      return "/";
    }
  }

  private static String title(CorsError e, String hint) {
    String t;
    switch (e.forPreflight()) {
      case PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER:
        t = "No Access-Control-Allow-Origin header";
        break;
      case PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED:
        t = "Access-Control-Allow-Origin '*' used with credentials";
        break;
      case PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES:
        t = "Several values in Access-Control-Allow-Origin";
        break;
      case PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE:
        t = "Access-Control-Allow-Origin is not an origin";
        break;
      case PREFLIGHT_ALLOW_ORIGIN_MISMATCH:
        t = "Access-Control-Allow-Origin names another origin";
        break;
      case PREFLIGHT_INVALID_ALLOW_CREDENTIALS:
        t = "Access-Control-Allow-Credentials is not 'true'";
        break;
      default:
        t = e.code.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
    boolean onPreflight =
        e.preflight
            || e == CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE
            || e == CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE
            || e == CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE
            || e == CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE;
    if (e == CorsError.REDIRECT_CONTAINS_CREDENTIALS) {
      return t + ", on a redirect";
    }
    return t + (onPreflight ? ", on the preflight (OPTIONS) response" : ", on the response");
  }

  static String meaning(CorsError e, String hint) {
    String where =
        e.preflight
            ? "the answer to the preflight (the OPTIONS request the browser sends before the real one)"
            : "the response";
    switch (e.forPreflight()) {
      case PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER:
        return where
            + " carries no Access-Control-Allow-Origin header, so the browser hides it from the"
            + " page. The server may not handle CORS at all, may not route "
            + (e.preflight ? "OPTIONS" : "this path")
            + ", or may add CORS headers only on successful responses (errors, 401/404/500, need"
            + " them too).";
      case PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED:
        return "the page sends credentials (fetch with credentials: 'include', or"
            + " withCredentials) and "
            + where
            + " says 'Access-Control-Allow-Origin: *'. With credentials the browser requires the"
            + " exact origin, never '*'.";
      case PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES:
        return "Access-Control-Allow-Origin holds '"
            + hint
            + "': more than one origin. Either two layers (a proxy and the app, or two"
            + " middlewares) each add the header, or the server sends its whole allow-list.";
      case PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE:
        return "Access-Control-Allow-Origin holds '"
            + hint
            + "', which is neither an origin (scheme://host[:port]) nor '*'.";
      case PREFLIGHT_ALLOW_ORIGIN_MISMATCH:
        return "Access-Control-Allow-Origin holds '"
            + hint
            + "', which is not byte for byte the page's origin. Common causes: localhost vs"
            + " 127.0.0.1, http vs https, another port, a trailing slash, or a cached response"
            + " for another origin (missing Vary: Origin). After a cross-origin redirect the"
            + " origin is 'null'.";
      case PREFLIGHT_INVALID_ALLOW_CREDENTIALS:
        return "the page sends credentials, so "
            + where
            + " must carry 'Access-Control-Allow-Credentials: true' (exactly, lower case); it"
            + " carries '"
            + hint
            + "'.";
      case PREFLIGHT_INVALID_STATUS:
        return "the OPTIONS preflight got a status outside 200-299"
            + (hint.isEmpty() ? "" : " (" + hint + ")")
            + ". It usually reached authentication, a router without an OPTIONS route, or a"
            + " method filter.";
      case PREFLIGHT_DISALLOWED_REDIRECT:
        return "the OPTIONS preflight was answered with a redirect (http to https, a trailing"
            + " slash, a login page). Browsers never follow redirects for preflights.";
      case INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE:
      case INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE:
        return "the header is not a comma-separated list of names (a space-separated list, or"
            + " a stray character).";
      case METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        return "the preflight answer's Access-Control-Allow-Methods does not list "
            + (hint.isEmpty() ? "the method" : hint)
            + ". Methods compare case-sensitively, and '*' is literal when credentials are sent.";
      case HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        return "the page sets the request header "
            + hint
            + ", which is not CORS-safelisted, and the preflight answer's"
            + " Access-Control-Allow-Headers does not list it ('*' is literal when credentials"
            + " are sent).";
      case REDIRECT_CONTAINS_CREDENTIALS:
        return "a redirect points to a URL with user:password@ in it, which a cross-origin"
            + " request may not follow.";
      default:
        return e.sentence(hint);
    }
  }

  static String fix(CorsError e, String hint) {
    switch (e.forPreflight()) {
      case PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER:
        return e.preflight
            ? "answer OPTIONS on this path before authentication, with 204 and"
                + " Access-Control-Allow-Origin: <the page's origin>, Access-Control-Allow-Methods"
                + " and Access-Control-Allow-Headers naming what the page sends."
            : "send Access-Control-Allow-Origin: <the page's origin> (and Vary: Origin) on every"
                + " response, errors included.";
      case PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED:
        return "echo the request's Origin when it is in your allow-list, with"
            + " Access-Control-Allow-Credentials: true and Vary: Origin; or drop credentials if"
            + " the page does not need cookies.";
      case PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES:
        return "let exactly one layer add CORS headers, and send one origin: the request's"
            + " Origin when it is allowed.";
      case PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE:
      case PREFLIGHT_ALLOW_ORIGIN_MISMATCH:
        return "send the page's origin exactly as the browser sends it in the Origin header"
            + " (scheme://host:port, no path, no trailing slash), and Vary: Origin.";
      case PREFLIGHT_INVALID_ALLOW_CREDENTIALS:
        return "send 'Access-Control-Allow-Credentials: true' on the preflight answer and the"
            + " response.";
      case PREFLIGHT_INVALID_STATUS:
        return "let the CORS handling answer OPTIONS first with 204 (before authentication and"
            + " routing).";
      case PREFLIGHT_DISALLOWED_REDIRECT:
        return "call the final URL directly (https, trailing slash, right host), or make the"
            + " server answer OPTIONS at the URL the page calls.";
      case INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE:
        return "write Access-Control-Allow-Methods as 'GET, POST, PUT' (commas).";
      case INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE:
        return "write Access-Control-Allow-Headers as 'Content-Type, X-Api-Key' (commas).";
      case METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        return "add "
            + (hint.isEmpty() ? "the method" : hint)
            + " to Access-Control-Allow-Methods"
            + (hint.equals(hint.toUpperCase(Locale.ROOT))
                ? "."
                : ", or better send '" + hint.toUpperCase(Locale.ROOT) + "' from the page.");
      case HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        return "add " + hint + " to Access-Control-Allow-Headers.";
      case REDIRECT_CONTAINS_CREDENTIALS:
        return "redirect to a URL without user name and password.";
      default:
        return "see the message above.";
    }
  }
}
