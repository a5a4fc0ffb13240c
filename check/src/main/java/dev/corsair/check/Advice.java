package dev.corsair.check;

import dev.corsair.check.Browser.Outcome;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.RoundTrip;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Says in plain words why a call was blocked and what the server must send instead. */
final class Advice {
  private Advice() {}

  /** Why fetch() failed, in plain words; null when it was allowed. */
  static String reason(Fetch f, Outcome o) {
    if (o.allowed()) {
      return null;
    }
    if (o.networkError() != null && o.networkError().startsWith("Mixed Content")) {
      return "The page is served over https and the URL is http: "
          + o.engine().displayName
          + " blocks the request"
          + " before sending it (mixed content), whatever the CORS headers say. Serve the API"
          + " over https.";
    }
    if ("net::ERR_UNSAFE_PORT".equals(o.networkError())) {
      return "Browsers never connect to this port (the Fetch standard's bad ports, such as 6000"
          + " or 6667): serve the API on another port.";
    }
    if (o.networkError() != null) {
      return "The request failed before any CORS check ("
          + o.networkError()
          + "): the server is unreachable, or the name, port or certificate is wrong.";
    }
    RoundTrip pre = o.preflight();
    RoundTrip last =
        o.roundTrips().isEmpty() ? null : o.roundTrips().get(o.roundTrips().size() - 1);
    String origin = originSent(last, f.origin);
    String hint = o.hint();
    StringBuilder b = new StringBuilder();
    String pageMethod = pageMethodFix(f);
    if (pageMethod != null) {
      b.append("The page sends the method '")
          .append(f.method)
          .append("' in lower case: fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and")
          .append(" PUT, and methods are compared case-sensitively, so a server that allows ")
          .append(pageMethod)
          .append(" does not allow '")
          .append(f.method)
          .append("'. The bug is in the page: write '")
          .append(pageMethod)
          .append("'. ");
    }
    boolean preflightFailed = last != null && last.kind().equals("preflight");
    if (preflightFailed) {
      b.append(o.engine().displayName)
          .append(" sent a preflight (OPTIONS) first because ")
          .append(whyPreflight(f))
          .append(", and the answer (status ")
          .append(last.response().status())
          .append(") does not allow the call: ");
    }
    switch (o.error()) {
      case MISSING_ALLOW_ORIGIN_HEADER:
      case PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER:
        b.append("the response has no Access-Control-Allow-Origin header.");
        int st = last == null ? 0 : last.response().status();
        if (preflightFailed && st == 401) {
          b.append(
              " The OPTIONS request reached authentication: preflights never carry"
                  + " credentials, so answer them before authentication.");
        } else if (preflightFailed && st == 403) {
          b.append(
              " A 403 on a preflight usually means a CORS layer refused the origin, the method"
                  + " or a header (its body may say which), or a security filter blocked OPTIONS.");
        } else if (preflightFailed && (st == 404 || st == 405 || st == 501)) {
          b.append(" The server does not route OPTIONS for this path.");
        } else if (st >= 400) {
          b.append(" It is an error response (")
              .append(st)
              .append(
                  "): the CORS headers must be on errors too, so the CORS handling has to run"
                      + " before the code that failed (routing, authentication, exceptions).");
        }
        break;
      case WILDCARD_ORIGIN_NOT_ALLOWED:
      case PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED:
        b.append(
            "the request carries credentials (cookies, credentials: 'include') and the"
                + " response allows the origin '*'; with credentials the browser needs the exact"
                + " origin echoed back.");
        break;
      case MULTIPLE_ALLOW_ORIGIN_VALUES:
      case PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES:
        b.append("Access-Control-Allow-Origin holds several values ('")
            .append(hint)
            .append("'). ")
            .append(
                last != null && last.response().all("Access-Control-Allow-Origin").size() > 1
                    ? "The header is sent twice: two layers (a proxy and the app, or two"
                        + " middlewares) both add CORS headers; keep one."
                    : "It must hold exactly one origin: look the request's Origin up in your"
                        + " list and echo it.");
        break;
      case INVALID_ALLOW_ORIGIN_VALUE:
      case PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE:
        b.append("Access-Control-Allow-Origin is '")
            .append(hint)
            .append("', which is not an origin (scheme://host[:port]) nor '*'.");
        break;
      case ALLOW_ORIGIN_MISMATCH:
      case PREFLIGHT_ALLOW_ORIGIN_MISMATCH:
        b.append("Access-Control-Allow-Origin is '")
            .append(hint)
            .append("' but the request's Origin is '")
            .append(origin)
            .append("'")
            .append(difference(hint, origin))
            .append('.');
        break;
      case INVALID_ALLOW_CREDENTIALS:
      case PREFLIGHT_INVALID_ALLOW_CREDENTIALS:
        b.append(
                "the request carries credentials, so the response needs"
                    + " Access-Control-Allow-Credentials: true (exactly, lower case); it has ")
            .append(hint.isEmpty() ? "none" : "'" + hint + "'")
            .append('.');
        break;
      case PREFLIGHT_INVALID_STATUS:
        b.append(
            "its status is not 2xx. The OPTIONS request most likely reached"
                + " authentication, a router without an OPTIONS route, or a method check; answer"
                + " preflights before those, with 204.");
        break;
      case PREFLIGHT_DISALLOWED_REDIRECT:
        b.append("it is a redirect (to ")
            .append(last.response().get("Location"))
            .append("). ")
            .append(o.engine().displayName)
            .append(
                " never follows a redirect for a preflight: call the final URL"
                    + " directly (trailing slash, https, host name), or answer OPTIONS here.");
        break;
      case INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE:
        b.append("Access-Control-Allow-Methods ('")
            .append(pre.response().get("Access-Control-Allow-Methods"))
            .append("') is not a comma-separated list of method names.");
        break;
      case INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE:
        b.append("Access-Control-Allow-Headers ('")
            .append(pre.response().get("Access-Control-Allow-Headers"))
            .append("') is not a comma-separated list of header names.");
        break;
      case METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        b.append("Access-Control-Allow-Methods (")
            .append(quoted(pre.response().get("Access-Control-Allow-Methods")))
            .append(") does not list ")
            .append(hint)
            .append('.');
        if (f.credentials && "*".equals(pre.response().get("Access-Control-Allow-Methods"))) {
          b.append(" With credentials '*' is not a wildcard: list the methods.");
        }
        break;
      case HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE:
        b.append("Access-Control-Allow-Headers (")
            .append(quoted(pre.response().get("Access-Control-Allow-Headers")))
            .append(") does not list ")
            .append(hint)
            .append('.');
        String acah = pre.response().get("Access-Control-Allow-Headers");
        if (acah != null && acah.contains("*")) {
          b.append(" With credentials '*' is not a wildcard: name the headers.");
        }
        break;
      case REDIRECT_CONTAINS_CREDENTIALS:
        b.append("a redirect points to a URL with a user name or password (")
            .append(last.response().get("Location"))
            .append("), which a cross-origin request may not follow.");
        break;
    }
    if (o.roundTrips().size() > 1 && last != null && !last.kind().equals("actual")) {
      b.append(" This happened after a redirect: ")
          .append(o.engine().displayName)
          .append(" checks CORS on every hop");
      b.append(
          "null".equals(origin)
              ? ", and after a redirect to another origin it sends 'Origin: null' (the tainted-origin"
                  + " rule), so that hop must allow 'null' or '*'; better call the final URL directly."
              : ".");
    } else if (last != null && last.kind().equals("actual") && last.response().isRedirect()) {
      b.append(
          " The response is a redirect: "
              + o.engine().displayName
              + " checks CORS on the redirect itself before following it.");
    }
    return b.toString();
  }

  private static String quoted(String v) {
    return v == null ? "absent" : "'" + v + "'";
  }

  static String originSent(RoundTrip e, String fallback) {
    if (e == null) {
      return fallback;
    }
    for (Field h : e.request().headers()) {
      if (h.name().equalsIgnoreCase("Origin")) {
        return h.value();
      }
    }
    return fallback;
  }

  /** Why Chromium sends a preflight for this call. */
  static String whyPreflight(Fetch f) {
    List<String> why = new ArrayList<>();
    if (!Safelist.isSafelistedMethod(f.method)) {
      why.add("the method " + f.method + " is not GET, HEAD or POST");
    }
    List<String> unsafe = Safelist.unsafeNames(f.headers);
    if (!unsafe.isEmpty()) {
      why.add(
          "the header"
              + (unsafe.size() > 1 ? "s " : " ")
              + String.join(", ", unsafe)
              + (unsafe.size() > 1 ? " are" : " is")
              + " not CORS-safelisted");
    }
    return why.isEmpty() ? "the call needs one" : String.join(" and ", why);
  }

  /** Loopback and private host names and addresses (by their spelling; no DNS lookup). */
  static boolean isLocal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.startsWith("10.")
        || h.startsWith("192.168.")
        || h.matches("172\\.(1[6-9]|2[0-9]|3[01])\\..*")
        || h.startsWith("169.254.")
        || (h.contains(":") && (h.startsWith("fc") || h.startsWith("fd")));
  }

  /** A short note on how two origins differ ("differs only in the port"). */
  static String difference(String allowed, String origin) {
    if (allowed.endsWith("/") && allowed.substring(0, allowed.length() - 1).equals(origin)) {
      return ": they differ only by the trailing slash; an origin has no path";
    }
    if (allowed.equalsIgnoreCase(origin)) {
      return ": they differ only in letter case; the comparison is exact";
    }
    if (origin.equals("null")) {
      return "";
    }
    try {
      URI a = new URI(allowed);
      URI b = new URI(origin);
      if (a.getScheme() == null || a.getHost() == null) {
        return "";
      }
      boolean scheme = !a.getScheme().equalsIgnoreCase(b.getScheme());
      boolean host = !a.getHost().equalsIgnoreCase(b.getHost());
      boolean port = portOf(a) != portOf(b);
      if (scheme && !host) {
        return ": they differ in the scheme (http vs https)";
      }
      if (host && !scheme && !port) {
        return ": they differ only in the host ("
            + a.getHost()
            + " vs "
            + b.getHost()
            + "); localhost and 127.0.0.1 are different origins";
      }
      if (port && !scheme && !host) {
        return ": they differ only in the port";
      }
    } catch (java.net.URISyntaxException e) {
      return "";
    }
    return "";
  }

  private static int portOf(URI u) {
    return u.getPort() != -1
        ? u.getPort()
        : Http.defaultPort(u.getScheme().toLowerCase(Locale.ROOT));
  }

  /**
   * What the server must allow: the page's origin, method and unsafe header names, plus what the
   * server's answer already allowed (other origins, methods, headers, exposed headers,
   * credentials), so that a fix pasted in place of the current configuration widens it and never
   * breaks a call that worked before.
   */
  static Stacks.Need need(Fetch f, Outcome o) {
    List<Http.Response> seen = responsesOfFailedUrl(o);
    boolean credentials = f.credentials;
    for (Http.Response r : seen) {
      credentials |= "true".equals(r.get("Access-Control-Allow-Credentials"));
    }
    Set<String> origins = new LinkedHashSet<>();
    origins.add(f.origin);
    boolean anyOrigin = false;
    Set<String> methods = new LinkedHashSet<>(List.of("GET", "POST"));
    Set<String> headers = new LinkedHashSet<>();
    Set<String> exposed = new LinkedHashSet<>();
    for (Http.Response r : seen) {
      String acao = r.get("Access-Control-Allow-Origin");
      if ("*".equals(acao)) {
        anyOrigin = true;
      } else if (acao != null && !acao.equals("null") && isOrigin(acao)) {
        String normal = Fetch.parseOrigin(acao);
        if (normal.equals(acao)) {
          origins.add(acao);
        }
      }
      for (String m : tokens(r.get("Access-Control-Allow-Methods"))) {
        if (m.equals("*")) {
          methods.addAll(credentials ? List.of() : List.of("HEAD", "PUT", "PATCH", "DELETE"));
        } else {
          methods.add(m);
        }
      }
      for (String h : tokens(r.get("Access-Control-Allow-Headers"))) {
        if (!(h.equals("*") && credentials) && !containsIgnoreCase(headers, h)) {
          headers.add(h);
        }
      }
      for (String h : tokens(r.get("Access-Control-Expose-Headers"))) {
        if (!(h.equals("*") && credentials) && !containsIgnoreCase(exposed, h)) {
          exposed.add(h);
        }
      }
    }
    String pageMethod = pageMethodFix(f);
    String method = pageMethod != null ? pageMethod : f.method;
    if (!Safelist.isSafelistedMethod(method)) {
      methods.add(method);
    }
    List<String> unsafe = Safelist.unsafeNames(f.headers);
    for (Field h : f.headers) {
      if (unsafe.contains(h.name().toLowerCase(Locale.ROOT))
          && !containsIgnoreCase(headers, h.name())) {
        headers.add(h.name());
      }
    }
    return new Stacks.Need(
        anyOrigin && !credentials ? List.of("*") : new ArrayList<>(origins),
        new ArrayList<>(methods),
        new ArrayList<>(headers),
        credentials,
        new ArrayList<>(exposed),
        pageMethod,
        f.url.getRawPath() == null || f.url.getRawPath().isEmpty() ? "/" : f.url.getRawPath());
  }

  /**
   * The method the page must send instead of its own, or null: fetch() upper-cases only DELETE,
   * GET, HEAD, OPTIONS, POST and PUT, so {@code 'patch'} goes out in lower case and matches no
   * server's {@code PATCH}.
   */
  static String pageMethodFix(Fetch f) {
    String upper = f.method.toUpperCase(Locale.ROOT);
    return upper.equals(f.method) ? null : upper;
  }

  /** The responses for the URL that failed (its preflight and actual answers). */
  private static List<Http.Response> responsesOfFailedUrl(Outcome o) {
    List<Http.Response> out = new ArrayList<>();
    if (o.roundTrips().isEmpty()) {
      return out;
    }
    java.net.URI url = o.roundTrips().get(o.roundTrips().size() - 1).request().url();
    for (RoundTrip e : o.roundTrips()) {
      if (e.request().url().equals(url)) {
        out.add(e.response());
      }
    }
    return out;
  }

  private static boolean isOrigin(String value) {
    try {
      Fetch.parseOrigin(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The tokens of a comma-separated header value, in order; nothing when it does not parse. */
  private static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      String v = part.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!Http.isToken(v)) {
        return List.of();
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static boolean containsIgnoreCase(Set<String> names, String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The fix as the response headers the server must send. */
  static List<String> fixes(Fetch f, Outcome o) {
    List<String> fixes = new ArrayList<>();
    if (o.allowed() || o.networkError() != null) {
      return fixes;
    }
    Stacks.Need n = need(f, o);
    if (n.pageMethod() != null) {
      fixes.add(
          "In the page, write the method in upper case: fetch('"
              + Http.canonical(f.url)
              + "', {method: '"
              + n.pageMethod()
              + "', ...}). fetch() sends '"
              + f.method
              + "' as written, and no server configuration that lists "
              + n.pageMethod()
              + " lets it through.");
    }
    RoundTrip last =
        o.roundTrips().isEmpty() ? null : o.roundTrips().get(o.roundTrips().size() - 1);
    if ("null".equals(originSent(last, f.origin)) && !f.origin.equals("null")) {
      fixes.add(
          "Call the final URL directly: after a redirect to another origin "
              + o.engine().displayName
              + " sends 'Origin: null', and allowing 'null' would also let any sandboxed page"
              + " in.");
    }
    if (o.error() == CorsError.PREFLIGHT_DISALLOWED_REDIRECT) {
      fixes.add(
          "Call the URL the server redirects to, or make it answer OPTIONS at "
              + o.failedUrl()
              + " without redirecting.");
    }
    if (o.error() == CorsError.REDIRECT_CONTAINS_CREDENTIALS) {
      fixes.add("Redirect to a URL without user name and password.");
    }
    if (o.preflight() != null) {
      StringBuilder b = new StringBuilder("Answer the preflight OPTIONS with status 204 and ");
      b.append("Access-Control-Allow-Origin: ").append(originValue(n));
      b.append(", Access-Control-Allow-Methods: ").append(String.join(", ", n.methods()));
      if (!n.headers().isEmpty()) {
        b.append(", Access-Control-Allow-Headers: ").append(String.join(", ", n.headers()));
      }
      if (n.credentials()) {
        b.append(", Access-Control-Allow-Credentials: true");
      }
      b.append(", Vary: Origin.");
      fixes.add(b.toString());
    }
    StringBuilder b = new StringBuilder("Send on every response (errors and redirects included) ");
    b.append("Access-Control-Allow-Origin: ").append(originValue(n));
    if (n.credentials()) {
      b.append(", Access-Control-Allow-Credentials: true");
    }
    if (!n.exposedHeaders().isEmpty()) {
      b.append(", Access-Control-Expose-Headers: ").append(String.join(", ", n.exposedHeaders()));
    }
    if (n.origins().equals(List.of("*"))) {
      b.append('.');
    } else {
      b.append(", Vary: Origin; exactly one value, the request's Origin when it is allowed.");
    }
    fixes.add(b.toString());
    return fixes;
  }

  /** The Access-Control-Allow-Origin value to send for the page's origin. */
  private static String originValue(Stacks.Need n) {
    if (n.origins().equals(List.of("*"))) {
      return "*";
    }
    return n.origins().size() == 1
        ? n.origins().get(0)
        : n.origins().get(0)
            + " (the request's Origin, when it is one of "
            + String.join(", ", n.origins())
            + ")";
  }

  /** Things that pass in Chromium today but are fragile: other browsers or the standard refuse. */
  static List<String> notes(Fetch f, Outcome o) {
    List<String> notes = new ArrayList<>();
    String originHost = f.origin.equals("null") ? "" : URI.create(f.origin).getHost();
    if (isLocal(f.url.getHost()) && !f.origin.equals("null") && !isLocal(originHost)) {
      notes.add(
          "A page on a public origin calling a local or private address needs the user's Local"
              + " Network Access permission in Chromium (a prompt), whatever the CORS headers say.");
    }
    for (RoundTrip e : o.roundTrips()) {
      if (!e.kind().equals("preflight") || f.credentials) {
        continue;
      }
      Set<String> acah = Browser.parseList(e.response().get("Access-Control-Allow-Headers"), true);
      boolean sendsAuthorization = false;
      for (Field h : e.request().headers()) {
        if (h.name().equalsIgnoreCase("Access-Control-Request-Headers")) {
          sendsAuthorization = List.of(h.value().split(",")).contains("authorization");
        }
      }
      if (acah != null
          && acah.contains("*")
          && !acah.contains("authorization")
          && sendsAuthorization) {
        notes.add(
            "Access-Control-Allow-Headers: * covers Authorization today in Chromium, Firefox"
                + " (with a deprecation warning) and Safari, but the Fetch standard excludes it and"
                + " browsers are moving to refuse it. List Authorization by name.");
        break;
      }
    }
    return notes;
  }
}
