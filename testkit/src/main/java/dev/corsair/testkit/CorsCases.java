package dev.corsair.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared case table of the HTTP behaviour README.md describes, run by every front end over real
 * HTTP.
 */
public final class CorsCases {
  private CorsCases() {}

  static final String APP = "https://app.example.com";
  static final String DEV = "http://localhost:5173";
  static final String EVIL = "https://evil.example.net";

  static final Map<String, String> LIST = Map.of("CORS_ALLOWED_ORIGINS", APP + "," + DEV);
  static final Map<String, String> CREDS =
      Map.of(
          "CORS_ALLOWED_ORIGINS", APP,
          "CORS_ALLOW_CREDENTIALS", "true",
          "CORS_EXPOSED_HEADERS", "X-Total-Count",
          "CORS_MAX_AGE", "600");
  static final Map<String, String> ANY =
      Map.of("CORS_ALLOWED_ORIGINS", "*", "CORS_EXPOSED_HEADERS", "X-Total-Count");
  static final Map<String, String> PATTERNS =
      Map.of("CORS_ALLOWED_ORIGINS", "https://*.example.com,http://localhost:*");
  static final Map<String, String> NULL_ORIGIN = Map.of("CORS_ALLOWED_ORIGINS", "null");
  static final Map<String, String> PNA =
      Map.of("CORS_ALLOWED_ORIGINS", APP, "CORS_ALLOW_PRIVATE_NETWORK", "true");
  static final Map<String, String> PATHS =
      Map.of("CORS_ALLOWED_ORIGINS", APP, "CORS_PATHS", "/api/**,/public/*");
  static final Map<String, String> STATUS_200 =
      Map.of("CORS_ALLOWED_ORIGINS", APP, "CORS_PREFLIGHT_STATUS", "200");
  static final Map<String, String> ANYTHING =
      Map.of("CORS_ALLOWED_ORIGINS", APP, "CORS_ALLOWED_METHODS", "*", "CORS_ALLOWED_HEADERS", "*");
  static final Map<String, String> ANYTHING_CREDS =
      Map.of(
          "CORS_ALLOWED_ORIGINS", APP,
          "CORS_ALLOWED_METHODS", "*",
          "CORS_ALLOWED_HEADERS", "*",
          "CORS_ALLOW_CREDENTIALS", "true");
  static final Map<String, String> SAFELISTED_ONLY =
      Map.of(
          "CORS_ALLOWED_ORIGINS", APP, "CORS_ALLOWED_HEADERS", "", "CORS_ALLOWED_METHODS", "PUT");
  static final Map<String, String> NORMALISED =
      Map.of("CORS_ALLOWED_ORIGINS", "HTTPS://App.Example.COM:443");

  private static final String ACAO = "Access-Control-Allow-Origin";
  private static final String ACAC = "Access-Control-Allow-Credentials";
  private static final String ACAM = "Access-Control-Allow-Methods";
  private static final String ACAH = "Access-Control-Allow-Headers";
  private static final String ACEH = "Access-Control-Expose-Headers";
  private static final String ACMA = "Access-Control-Max-Age";
  private static final String ACAPN = "Access-Control-Allow-Private-Network";
  private static final String ACRM = "Access-Control-Request-Method";
  private static final String ACRH = "Access-Control-Request-Headers";
  private static final String ACRPN = "Access-Control-Request-Private-Network";

  /** Every case; names are unique. */
  public static List<CorsCase> all() {
    List<CorsCase> c = new ArrayList<>();
    // --- not CORS
    c.add(
        CorsCase.named("request without Origin passes with Vary: Origin and no CORS header")
            .policy(LIST)
            .noCorsHeaders()
            .vary("Origin", TestApp.VARY)
            .build());
    c.add(
        CorsCase.named("OPTIONS with Access-Control-Request-Method but no Origin reaches the app")
            .policy(LIST)
            .request("OPTIONS", "/api/items")
            .header(ACRM, "PUT")
            .noCorsHeaders()
            .vary("Origin")
            .build());
    // --- actual requests
    c.add(
        CorsCase.named("allowed origin gets its origin back and Vary merged")
            .policy(LIST)
            .origin(APP)
            .expect(ACAO, APP)
            .absent(ACAC, ACEH, ACAM, ACAH, ACMA)
            .vary("Origin", TestApp.VARY)
            .build());
    c.add(
        CorsCase.named("second allowed origin is reflected byte for byte")
            .policy(LIST)
            .origin(DEV)
            .expect(ACAO, DEV)
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("disallowed origin reaches the app without CORS headers")
            .policy(LIST)
            .origin(EVIL)
            .noCorsHeaders()
            .vary("Origin", TestApp.VARY)
            .build());
    c.add(
        CorsCase.named("127.0.0.1 is not localhost")
            .policy(LIST)
            .origin("http://127.0.0.1:5173")
            .noCorsHeaders()
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("origin with a trailing slash is malformed and refused")
            .policy(LIST)
            .origin(APP + "/")
            .noCorsHeaders()
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("origin with a space is malformed and refused")
            .policy(LIST)
            .origin("https://app.example.com x")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("two Origin headers are refused")
            .policy(LIST)
            .origin(APP)
            .origin(DEV)
            .noCorsHeaders()
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("origin over 2048 bytes is refused")
            .policy(LIST)
            .origin("https://" + "a".repeat(2100) + ".example.com")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("origin differing in case is refused")
            .policy(LIST)
            .origin("https://APP.example.com")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("origin differing in case is refused by a subdomain pattern")
            .policy(PATTERNS)
            .origin("https://APP.example.com")
            .noCorsHeaders()
            .vary("Origin", TestApp.VARY)
            .build());
    c.add(
        CorsCase.named("POST from allowed origin reaches the app with CORS headers")
            .policy(LIST)
            .request("POST", "/api/items")
            .origin(APP)
            .header("Content-Type", "text/plain")
            .expect(ACAO, APP)
            .build());
    c.add(
        CorsCase.named(
                "OPTIONS with Origin but without Access-Control-Request-Method is an actual request")
            .policy(LIST)
            .request("OPTIONS", "/api/items")
            .origin(APP)
            .expect(ACAO, APP)
            .absent(ACAM)
            .build());
    c.add(
        CorsCase.named("credentials: origin, credentials and exposed headers")
            .policy(CREDS)
            .origin(APP)
            .expect(ACAO, APP)
            .expect(ACAC, "true")
            .expect(ACEH, "X-Total-Count")
            .absent(ACMA)
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("configured origin is normalised: scheme and host lower-cased, :443 dropped")
            .policy(NORMALISED)
            .origin(APP)
            .expect(ACAO, APP)
            .build());
    // --- any origin
    c.add(
        CorsCase.named("any origin without credentials answers * and no Vary: Origin")
            .policy(ANY)
            .origin(EVIL)
            .expect(ACAO, "*")
            .expect(ACEH, "X-Total-Count")
            .absent(ACAC)
            .vary(TestApp.VARY)
            .noVary("Origin")
            .build());
    c.add(
        CorsCase.named("any origin answers * to Origin: null")
            .policy(ANY)
            .origin("null")
            .expect(ACAO, "*")
            .build());
    c.add(
        CorsCase.named("any origin answers * to a malformed origin, reflecting nothing")
            .policy(ANY)
            .origin("not an origin")
            .expect(ACAO, "*")
            .build());
    c.add(
        CorsCase.named("any origin: request without Origin gets no CORS header")
            .policy(ANY)
            .noCorsHeaders()
            .noVary("Origin")
            .build());
    c.add(
        CorsCase.named("any origin: preflight answers * and varies on the request headers only")
            .policy(ANY)
            .preflight(EVIL, "PUT", "content-type")
            .answeredWith(204)
            .expect(ACAO, "*")
            .expect(ACAM, "PUT")
            .expect(ACAH, "content-type")
            .absent(ACEH)
            .vary(ACRM, ACRH)
            .noVary("Origin")
            .build());
    // --- patterns and null
    c.add(
        CorsCase.named("subdomain pattern matches a deep subdomain")
            .policy(PATTERNS)
            .origin("https://a.b.example.com")
            .expect(ACAO, "https://a.b.example.com")
            .build());
    c.add(
        CorsCase.named("subdomain pattern never matches the bare domain")
            .policy(PATTERNS)
            .origin("https://example.com")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("subdomain pattern never matches another scheme")
            .policy(PATTERNS)
            .origin("http://a.example.com")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("subdomain pattern never matches another port")
            .policy(PATTERNS)
            .origin("https://a.example.com:8443")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("subdomain pattern is not fooled by a suffix")
            .policy(PATTERNS)
            .origin("https://evilexample.com")
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("port pattern matches any port")
            .policy(PATTERNS)
            .origin("http://localhost:3001")
            .expect(ACAO, "http://localhost:3001")
            .build());
    c.add(
        CorsCase.named("port pattern matches no port")
            .policy(PATTERNS)
            .origin("http://localhost")
            .expect(ACAO, "http://localhost")
            .build());
    c.add(
        CorsCase.named("listed null origin is answered null")
            .policy(NULL_ORIGIN)
            .origin("null")
            .expect(ACAO, "null")
            .vary("Origin")
            .build());
    c.add(
        CorsCase.named("null origin is refused unless listed")
            .policy(LIST)
            .origin("null")
            .noCorsHeaders()
            .build());
    // --- preflights
    c.add(
        CorsCase.named("allowed preflight is answered 204 and never reaches the app")
            .policy(LIST)
            .preflight(APP, "PUT", "content-type")
            .answeredWith(204)
            .expect(ACAO, APP)
            .expect(ACAM, "PUT")
            .expect(ACAH, "content-type")
            .absent(ACAC, ACMA, ACEH, ACAPN)
            .vary("Origin", ACRM, ACRH)
            .noVary(ACRPN)
            .build());
    c.add(
        CorsCase.named("preflight without requested headers has no Allow-Headers")
            .policy(LIST)
            .preflight(APP, "DELETE", null)
            .answeredWith(204)
            .expect(ACAM, "DELETE")
            .absent(ACAH)
            .build());
    c.add(
        CorsCase.named("preflight from a disallowed origin is 403 with no Allow header")
            .policy(LIST)
            .preflight(EVIL, "PUT", null)
            .answeredWith(403)
            .noCorsHeaders()
            .vary("Origin", ACRM, ACRH)
            .body("origin")
            .build());
    c.add(
        CorsCase.named("preflight with a method not allowed is 403")
            .policy(LIST)
            .preflight(APP, "PROPFIND", null)
            .answeredWith(403)
            .noCorsHeaders()
            .body("method")
            .build());
    c.add(
        CorsCase.named("lower-case patch is not PATCH")
            .policy(LIST)
            .preflight(APP, "patch", null)
            .answeredWith(403)
            .noCorsHeaders()
            .body("method")
            .build());
    c.add(
        CorsCase.named("preflight with a header not allowed is 403 naming it")
            .policy(LIST)
            .preflight(APP, "PUT", "content-type,x-secret")
            .answeredWith(403)
            .noCorsHeaders()
            .body("x-secret")
            .build());
    c.add(
        CorsCase.named("requested header names are case-insensitive")
            .policy(LIST)
            .preflight(APP, "PUT", "Content-Type")
            .answeredWith(204)
            .expect(ACAH, "Content-Type")
            .build());
    c.add(
        CorsCase.named("empty elements and whitespace in the header list are tolerated")
            .policy(LIST)
            .preflight(APP, "PUT", " , content-type ,, ")
            .answeredWith(204)
            .expect(ACAH, "content-type")
            .build());
    c.add(
        CorsCase.named("malformed Access-Control-Request-Method is 403")
            .policy(LIST)
            .preflight(APP, "PU(T", null)
            .answeredWith(403)
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("malformed Access-Control-Request-Headers is 403")
            .policy(LIST)
            .preflight(APP, "PUT", "content-type, x y")
            .answeredWith(403)
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("hostile 100 KB header list is 403")
            .policy(ANYTHING)
            .preflight(APP, "PUT", "a,".repeat(50_000) + "a")
            .answeredWith(403)
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("safelisted method is allowed even when not listed")
            .policy(SAFELISTED_ONLY)
            .preflight(APP, "POST", null)
            .answeredWith(204)
            .expect(ACAM, "POST")
            .build());
    c.add(
        CorsCase.named("empty allowed headers allows no requested header")
            .policy(SAFELISTED_ONLY)
            .preflight(APP, "PUT", "content-type")
            .answeredWith(403)
            .noCorsHeaders()
            .body("content-type")
            .build());
    c.add(
        CorsCase.named("methods * and headers * allow anything and name it")
            .policy(ANYTHING)
            .preflight(APP, "PROPFIND", "x-one,authorization")
            .answeredWith(204)
            .expect(ACAM, "PROPFIND")
            .expect(ACAH, "x-one,authorization")
            .build());
    c.add(
        CorsCase.named("with credentials a requested method named * is refused, never echoed")
            .policy(ANYTHING_CREDS)
            .preflight(APP, "*", null)
            .answeredWith(403)
            .noCorsHeaders()
            .build());
    c.add(
        CorsCase.named("with credentials a requested header named * is refused, never echoed")
            .policy(ANYTHING_CREDS)
            .preflight(APP, "PUT", "x-one,*")
            .answeredWith(403)
            .noCorsHeaders()
            .body("header * not allowed")
            .build());
    c.add(
        CorsCase.named("credentials preflight carries credentials and max-age")
            .policy(CREDS)
            .preflight(APP, "PUT", "content-type")
            .answeredWith(204)
            .expect(ACAO, APP)
            .expect(ACAC, "true")
            .expect(ACMA, "600")
            .expect(ACAM, "PUT")
            .absent(ACEH)
            .build());
    c.add(
        CorsCase.named("configured preflight status 200")
            .policy(STATUS_200)
            .preflight(APP, "PUT", null)
            .answeredWith(200)
            .expect(ACAO, APP)
            .build());
    c.add(
        CorsCase.named("private network preflight allowed when configured")
            .policy(PNA)
            .preflight(APP, "GET", null)
            .header(ACRPN, "true")
            .answeredWith(204)
            .expect(ACAPN, "true")
            .expect(ACAO, APP)
            .vary("Origin", ACRM, ACRH, ACRPN)
            .build());
    c.add(
        CorsCase.named("private network preflight refused by default")
            .policy(LIST)
            .preflight(APP, "GET", null)
            .header(ACRPN, "true")
            .answeredWith(403)
            .noCorsHeaders()
            .body("private network")
            .build());
    // --- paths
    c.add(
        CorsCase.named("path under /api/** is covered")
            .policy(PATHS)
            .request("GET", "/api/a/b")
            .origin(APP)
            .expect(ACAO, APP)
            .build());
    c.add(
        CorsCase.named("/api/** covers /api itself")
            .policy(PATHS)
            .request("GET", "/api")
            .origin(APP)
            .expect(ACAO, APP)
            .build());
    c.add(
        CorsCase.named("/api/** does not cover /apiary: untouched, no Vary")
            .policy(PATHS)
            .request("GET", "/apiary")
            .origin(APP)
            .noCorsHeaders()
            .noVary("Origin")
            .build());
    c.add(
        CorsCase.named("/public/* covers one segment")
            .policy(PATHS)
            .request("GET", "/public/logo")
            .origin(APP)
            .expect(ACAO, APP)
            .build());
    c.add(
        CorsCase.named("/public/* does not cover two segments")
            .policy(PATHS)
            .request("GET", "/public/a/b")
            .origin(APP)
            .noCorsHeaders()
            .noVary("Origin")
            .build());
    c.add(
        CorsCase.named("preflight on an uncovered path reaches the app")
            .policy(PATHS)
            .request("OPTIONS", "/other")
            .origin(APP)
            .header(ACRM, "PUT")
            .noCorsHeaders()
            .build());
    return c;
  }
}
