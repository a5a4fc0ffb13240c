package dev.corsair.check;

import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Request;
import dev.corsair.check.Http.Response;
import dev.corsair.check.Http.RoundTrip;
import dev.corsair.check.Http.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chromium's fetch() in "cors" mode, step by step: preflight decision, preflight, actual request,
 * CORS checks and redirects. Requests go through a {@link Transport}; nothing is cached (every run
 * is a first visit, as with a fresh profile).
 */
final class Browser {
  /** Chromium's net::URLRequest redirect limit. */
  static final int MAX_REDIRECTS = 20;

  private final Transport transport;
  private final Engine engine;

  /** The Fetch standard's bad ports, which Chromium refuses to connect to. */
  private static final Set<Integer> BAD_PORTS =
      Set.of(
          0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
          101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
          389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
          636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
          6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080);

  Browser(Transport transport) {
    this(transport, Engine.CHROMIUM);
  }

  Browser(Transport transport, Engine engine) {
    this.transport = transport;
    this.engine = engine;
  }

  /** What fetch() ends with: a readable response, a CORS error, or a network error. */
  record Outcome(
      boolean allowed,
      List<RoundTrip> roundTrips,
      CorsError error,
      String hint,
      String message,
      String networkError,
      String failedUrl,
      String initialUrl,
      Engine engine) {
    Outcome {
      roundTrips = List.copyOf(roundTrips);
    }

    /** The last preflight sent, or null. */
    RoundTrip preflight() {
      RoundTrip last = null;
      for (RoundTrip e : roundTrips) {
        if (e.kind().equals("preflight")) {
          last = e;
        }
      }
      return last;
    }

    /** The last non-preflight exchange, or null when none was sent. */
    RoundTrip response() {
      RoundTrip last = null;
      for (RoundTrip e : roundTrips) {
        if (!e.kind().equals("preflight")) {
          last = e;
        }
      }
      return last;
    }
  }

  /**
   * Runs the call as Chromium would: preflight when needed, the actual request, the checks, and
   * redirects (each hop checked, tainted origin, a new preflight where still needed).
   */
  Outcome fetch(Fetch f) {
    List<RoundTrip> roundTrips = new ArrayList<>();
    String initial = Http.canonical(f.url);
    URI current = f.url;
    String method = f.method;
    List<Field> headers = new ArrayList<>(engine == Engine.FIREFOX ? f.lastValues : f.headers);
    // Firefox and WebKit keep preflighting every cross-origin hop of a call that needed a
    // preflight, even when a redirect made the rest of it simple (GET after a 303, Authorization
    // dropped); WebKit asks again for the headers of the original call.
    boolean forcePreflight = engine != Engine.CHROMIUM && needsPreflight(method, headers);
    boolean tainted = false;
    boolean corsFlag = false;
    int redirects = 0;
    try {
      while (true) {
        // CORS flag: set on a cross-origin URL and kept for the rest of the redirect chain.
        corsFlag = corsFlag || !Http.originOf(current).equals(f.origin);
        String originHeader = tainted ? "null" : f.origin;
        String at = Http.canonical(current);
        if (isBadPort(current)) {
          return network(roundTrips, "net::ERR_UNSAFE_PORT", initial, at);
        }
        if (isMixedContent(f.origin, current)) {
          return network(
              roundTrips,
              "Mixed Content: The page at '"
                  + f.origin
                  + "/' was loaded over HTTPS, but requested an insecure resource '"
                  + at
                  + "'. This request has been blocked; the content must be served over HTTPS.",
              initial,
              at);
        }
        if (corsFlag && (forcePreflight || needsPreflight(method, headers))) {
          // Firefox sends (and checks) a new preflight with the page's origin, even after a
          // redirect that made the actual request's origin null.
          String preflightOrigin = engine == Engine.FIREFOX ? f.origin : originHeader;
          List<Field> asked = engine == Engine.SAFARI ? f.headers : headers;
          Request pre = preflightRequest(current, method, asked, preflightOrigin);
          Response r = transport.send(pre);
          roundTrips.add(new RoundTrip("preflight", pre, r));
          Failure failure = checkPreflight(r, method, headers, f.credentials, preflightOrigin, at);
          if (failure != null) {
            return blocked(roundTrips, failure, initial, at, f.origin);
          }
        }
        Request req = actualRequest(current, method, headers, originHeader, corsFlag);
        Response r = transport.send(req);
        roundTrips.add(new RoundTrip(redirects == 0 ? "actual" : "redirected", req, r));
        if (corsFlag) {
          Failure failure = checkAccess(r, f.credentials, originHeader, at);
          if (failure != null) {
            if (engine == Engine.SAFARI && r.isRedirect()) {
              URI next = resolve(current, r.get("Location"));
              if (next != null) {
                failure = WebKitChecks.onRedirect(failure, WebKitChecks.serialize(next));
              }
            }
            return blocked(roundTrips, failure, initial, at, f.origin);
          }
        }
        if (!r.isRedirect()) {
          return new Outcome(true, roundTrips, null, null, null, null, null, initial, engine);
        }
        URI next = resolve(current, r.get("Location"));
        if (next == null) {
          return network(roundTrips, "net::ERR_UNSAFE_REDIRECT", initial, at);
        }
        if (next.getRawUserInfo() != null
            && (tainted || corsFlag || !Http.originOf(next).equals(f.origin))) {
          // Chromium 156 leaves the location out of this message (the hint is empty).
          Failure failure = new Failure(CorsError.REDIRECT_CONTAINS_CREDENTIALS, "");
          if (engine == Engine.FIREFOX) {
            failure = FirefoxChecks.redirectWithCredentials(at);
          } else if (engine == Engine.SAFARI) {
            failure = WebKitChecks.redirectWithCredentials(next);
          }
          return blocked(roundTrips, failure, initial, at, f.origin);
        }
        if (++redirects > MAX_REDIRECTS) {
          return network(roundTrips, "net::ERR_TOO_MANY_REDIRECTS", initial, at);
        }
        String currentOrigin = Http.originOf(current);
        boolean crossHop = !Http.originOf(next).equals(currentOrigin);
        if (crossHop && !f.origin.equals(currentOrigin)) {
          tainted = true;
        }
        int s = r.status();
        if (((s == 301 || s == 302) && method.equals("POST"))
            || (s == 303 && !method.equals("GET") && !method.equals("HEAD"))) {
          method = "GET";
          removeHeaders(headers, true);
        }
        if (crossHop) {
          removeHeaders(headers, false);
        }
        current = next;
      }
    } catch (IOException e) {
      return network(roundTrips, NetErrors.describe(e), initial, null);
    }
  }

  static boolean isBadPort(URI url) {
    return url.getPort() != -1 && BAD_PORTS.contains(url.getPort());
  }

  /**
   * Chromium blocks http: fetches from an https: page (no auto-upgrade for fetch), except to
   * potentially trustworthy hosts (localhost, loopback addresses).
   */
  static boolean isMixedContent(String origin, URI url) {
    if (!origin.startsWith("https:") || !url.getScheme().equalsIgnoreCase("http")) {
      return false;
    }
    String h = url.getHost().toLowerCase(Locale.ROOT);
    boolean trustworthy =
        h.equals("localhost")
            || h.endsWith(".localhost")
            || h.startsWith("127.")
            || h.equals("[::1]");
    return !trustworthy;
  }

  /**
   * Drops the request-body headers (after a redirect turned the method into GET) or Authorization
   * (after a cross-origin hop). A loop, not a lambda: no bootstrap at start-up.
   */
  private static void removeHeaders(List<Field> headers, boolean bodyHeaders) {
    for (java.util.Iterator<Field> it = headers.iterator(); it.hasNext(); ) {
      String name = it.next().name();
      if (bodyHeaders ? isRequestBodyHeader(name) : name.equalsIgnoreCase("Authorization")) {
        it.remove();
      }
    }
  }

  private static boolean isRequestBodyHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("content-encoding")
        || n.equals("content-language")
        || n.equals("content-location")
        || n.equals("content-type");
  }

  private static URI resolve(URI base, String location) {
    try {
      URI next = base.resolve(new URI(location.trim()));
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
        return null;
      }
      return next;
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  static boolean needsPreflight(String method, List<Field> headers) {
    return !Safelist.isSafelistedMethod(method) || !Safelist.unsafeNames(headers).isEmpty();
  }

  static Request preflightRequest(URI url, String method, List<Field> headers, String origin) {
    List<Field> h = new ArrayList<>();
    h.add(new Field("Accept", "*/*"));
    h.add(new Field("Access-Control-Request-Method", method));
    List<String> unsafe = Safelist.unsafeNames(headers);
    if (!unsafe.isEmpty()) {
      h.add(new Field("Access-Control-Request-Headers", String.join(",", unsafe)));
    }
    h.add(new Field("Origin", origin));
    h.add(new Field("Sec-Fetch-Mode", "cors"));
    h.add(new Field("Sec-Fetch-Dest", "empty"));
    return new Request("OPTIONS", url, h);
  }

  static Request actualRequest(
      URI url, String method, List<Field> headers, String origin, boolean corsFlag) {
    List<Field> h = new ArrayList<>();
    boolean hasAccept = false;
    for (Field f : headers) {
      hasAccept |= f.name().equalsIgnoreCase("Accept");
    }
    if (!hasAccept) {
      h.add(new Field("Accept", "*/*"));
    }
    h.addAll(headers);
    // Fetch's "append a request Origin header": always in CORS mode, else for unsafe methods.
    if (corsFlag || !(method.equals("GET") || method.equals("HEAD"))) {
      h.add(new Field("Origin", origin));
    }
    h.add(new Field("Sec-Fetch-Mode", "cors"));
    h.add(new Field("Sec-Fetch-Dest", "empty"));
    return new Request(method, url, h);
  }

  /**
   * A failed check: Chromium's error for the cause, its failed parameter, and the engine's own
   * message (null for Chromium, whose message {@link CorsError#message} builds).
   */
  record Failure(CorsError error, String hint, String text) {
    Failure(CorsError error, String hint) {
      this(error, hint, null);
    }
  }

  /** The engine's access check on a response to {@code url}. */
  private Failure checkAccess(Response r, boolean credentials, String origin, String url) {
    switch (engine) {
      case FIREFOX:
        return FirefoxChecks.checkAccess(r, credentials, origin, url);
      case SAFARI:
        return WebKitChecks.checkAccess(r, credentials, origin);
      default:
        return checkAccess(r, credentials, origin);
    }
  }

  /** The engine's preflight checks on the answer to a preflight sent with {@code origin}. */
  private Failure checkPreflight(
      Response r,
      String method,
      List<Field> headers,
      boolean credentials,
      String origin,
      String url) {
    switch (engine) {
      case FIREFOX:
        return FirefoxChecks.checkPreflight(r, method, headers, credentials, origin, url);
      case SAFARI:
        return WebKitChecks.checkPreflight(r, method, headers, credentials, origin);
      default:
        return checkPreflight(r, method, headers, credentials, origin);
    }
  }

  /** Chromium's CheckAccessInternal: the CORS check on any response (origin and credentials). */
  static Failure checkAccess(Response r, boolean credentials, String origin) {
    String allowOrigin = r.get("Access-Control-Allow-Origin");
    if ("*".equals(allowOrigin)) {
      if (credentials) {
        return new Failure(CorsError.WILDCARD_ORIGIN_NOT_ALLOWED, null);
      }
      return null;
    } else if (allowOrigin == null) {
      return new Failure(CorsError.MISSING_ALLOW_ORIGIN_HEADER, null);
    } else if (!allowOrigin.equals(origin)) {
      if (allowOrigin.indexOf(' ') >= 0 || allowOrigin.indexOf(',') >= 0) {
        return new Failure(CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES, allowOrigin);
      }
      if (allowOrigin.equals("null") || Gurl.isValid(allowOrigin)) {
        return new Failure(CorsError.ALLOW_ORIGIN_MISMATCH, allowOrigin);
      }
      return new Failure(CorsError.INVALID_ALLOW_ORIGIN_VALUE, allowOrigin);
    }
    if (credentials) {
      String allowCredentials = r.get("Access-Control-Allow-Credentials");
      if (!"true".equals(allowCredentials)) {
        return new Failure(
            CorsError.INVALID_ALLOW_CREDENTIALS, allowCredentials == null ? "" : allowCredentials);
      }
    }
    return null;
  }

  /**
   * Chromium's preflight checks in its order: redirect, access check, ok status, parsing of
   * Access-Control-Allow-Methods/-Headers, then the method and the headers.
   */
  static Failure checkPreflight(
      Response r, String method, List<Field> headers, boolean credentials, String origin) {
    if (r.isRedirect()) {
      return new Failure(CorsError.PREFLIGHT_DISALLOWED_REDIRECT, null);
    }
    Failure access = checkAccess(r, credentials, origin);
    if (access != null) {
      return new Failure(access.error().forPreflight(), access.hint());
    }
    if (r.status() < 200 || r.status() > 299) {
      return new Failure(CorsError.PREFLIGHT_INVALID_STATUS, null);
    }
    Set<String> methods = parseList(r.get("Access-Control-Allow-Methods"), false);
    if (methods == null) {
      return new Failure(CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE, null);
    }
    Set<String> allowHeaders = parseList(r.get("Access-Control-Allow-Headers"), true);
    if (allowHeaders == null) {
      return new Failure(CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE, null);
    }
    // Methods compare case-sensitively (verified in Chromium 156: `patch` needs `patch` listed,
    // `PATCH` does not cover it). Safelisted methods always pass; `*` only without credentials.
    boolean methodOk =
        Safelist.isSafelistedMethod(method)
            || methods.contains(method)
            || (!credentials && methods.contains("*"));
    if (!methodOk) {
      return new Failure(CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE, method);
    }
    // Chromium departs from the standard here: `*` (without credentials) still covers
    // Authorization, which the Fetch standard excludes (a CORS non-wildcard request-header name);
    // Chromium 156 only counts a deprecation (AuthorizationCoveredByWildcard).
    boolean wildcard = !credentials && allowHeaders.contains("*");
    if (wildcard) {
      return null;
    }
    // Chromium names the first refused header in the order the page set them (not sorted).
    List<String> unsafe = Safelist.unsafeNames(headers);
    for (Field h : headers) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (unsafe.contains(name) && !allowHeaders.contains(name)) {
        return new Failure(CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE, name);
      }
    }
    return null;
  }

  /**
   * Parses an Access-Control-Allow-Methods/-Headers value as Chromium does: comma-separated,
   * whitespace trimmed, empty elements skipped, every other element a token; null when invalid.
   */
  static Set<String> parseList(String value, boolean lowerCase) {
    Set<String> set = new HashSet<>();
    if (value == null) {
      return set;
    }
    for (String part : value.split(",", -1)) {
      String v = part.strip();
      if (v.isEmpty()) {
        continue;
      }
      if (!Http.isToken(v)) {
        return null;
      }
      set.add(lowerCase ? v.toLowerCase(Locale.ROOT) : v);
    }
    return set;
  }

  private Outcome blocked(
      List<RoundTrip> roundTrips, Failure failure, String initial, String at, String origin) {
    String message =
        failure.text() != null
            ? failure.text()
            : failure.error().message(initial, at, origin, failure.hint());
    return new Outcome(
        false, roundTrips, failure.error(), failure.hint(), message, null, at, initial, engine);
  }

  private Outcome network(List<RoundTrip> roundTrips, String error, String initial, String at) {
    return new Outcome(false, roundTrips, null, null, null, error, at, initial, engine);
  }
}
