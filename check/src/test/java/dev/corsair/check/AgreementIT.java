package dev.corsair.check;

import static dev.corsair.check.Scenario.call;
import static dev.corsair.check.Scenario.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corsair.check.ScenarioServer.Hit;
import dev.corsair.check.ScenarioServer.Reply;
import dev.corsair.testkit.Chromium;
import dev.corsair.tools.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The agreement suite: every scenario runs in one real headless Chromium (fetch() from a page on
 * http://localhost:PORT_A) and through {@code corsair check}; the verdict, the requests the server
 * received (method, Origin, Access-Control-Request-*) and the console message must be the same.
 */
class AgreementIT {
  static final String ACAO = "Access-Control-Allow-Origin";
  static final String ACAC = "Access-Control-Allow-Credentials";
  static final String ACAM = "Access-Control-Allow-Methods";
  static final String ACAH = "Access-Control-Allow-Headers";
  static final String PAGE = "{page}";

  private static ScenarioServer server;
  private static Chromium chromium;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final java.util.Set<CorsError> SEEN =
      java.util.Collections.synchronizedSet(java.util.EnumSet.noneOf(CorsError.class));

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Chromium.available(), "Debian chromium and chromedriver are not installed");
    server = new ScenarioServer();
    server.setVars(vars(server));
    chromium = Chromium.start();
    chromium.open("http://localhost:" + server.portA() + "/");
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
    if (COUNTER.get() == scenarios().count()) {
      // The whole table ran: every message template was checked against Chromium at least once.
      assertThat(SEEN)
          .as("CorsError values Chromium produced")
          .containsAll(java.util.EnumSet.allOf(CorsError.class));
    }
  }

  /** The values scenarios may use: {page}, {a127}, {b127}, {bLocal}, {pa}, {pb}. */
  static Map<String, String> vars(ScenarioServer server) {
    int a = server.portA();
    int b = server.portB();
    return Map.of(
        "page", "http://localhost:" + a,
        "a127", "http://127.0.0.1:" + a,
        "b127", "http://127.0.0.1:" + b,
        "bLocal", "http://localhost:" + b,
        "pa", String.valueOf(a),
        "pb", String.valueOf(b));
  }

  /** The arguments of {@code corsair check} for the call a scenario makes. */
  static List<String> checkArgs(String url, String page, Scenario sc) {
    List<String> args = new ArrayList<>(List.of(url, "--origin", page, "-X", sc.method));
    for (String[] h : sc.headers) {
      args.add("-H");
      args.add(h[0] + ": " + h[1]);
    }
    if (sc.credentials) {
      args.add("--credentials");
    }
    return args;
  }

  static Reply ok() {
    return new Reply(200);
  }

  static Reply ok(String acao) {
    return new Reply(200).h(ACAO, acao);
  }

  static Reply status(int status) {
    return new Reply(status);
  }

  /** A preflight answer: 204 with the given ACAO, ACAM and ACAH (null leaves one out). */
  static Reply pre(String acao, String acam, String acah) {
    Reply r = new Reply(204);
    if (acao != null) {
      r.h(ACAO, acao);
    }
    if (acam != null) {
      r.h(ACAM, acam);
    }
    if (acah != null) {
      r.h(ACAH, acah);
    }
    return r;
  }

  static Stream<Scenario> scenarios() {
    List<Scenario> s = new ArrayList<>();
    // Simple requests and Access-Control-Allow-Origin.
    s.add(of("GET without any CORS header", call("GET"), h -> ok()));
    s.add(of("GET with the exact origin", call("GET"), h -> ok(PAGE)));
    s.add(of("GET with *", call("GET"), h -> ok("*")));
    s.add(of("GET with * and credentials", call("GET").creds(), h -> ok("*")));
    s.add(
        of(
            "GET * with credentials and ACAC true",
            call("GET").creds(),
            h -> ok("*").h(ACAC, "true")));
    s.add(of("credentials, ACAC missing", call("GET").creds(), h -> ok(PAGE)));
    s.add(of("credentials, ACAC True", call("GET").creds(), h -> ok(PAGE).h(ACAC, "True")));
    s.add(of("credentials, ACAC true", call("GET").creds(), h -> ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "credentials, ACAC on two lines",
            call("GET").creds(),
            h -> ok(PAGE).h(ACAC, "true").h(ACAC, "true")));
    s.add(of("credentials, ACAC empty", call("GET").creds(), h -> ok(PAGE).h(ACAC, "")));
    s.add(of("ACAO 127.0.0.1 for a localhost page", call("GET"), h -> ok("{a127}")));
    s.add(of("ACAO with a trailing slash", call("GET"), h -> ok("{page}/")));
    s.add(of("ACAO https for an http page", call("GET"), h -> ok("https://localhost:{pa}")));
    s.add(of("ACAO with another port", call("GET"), h -> ok("http://localhost:{pb}")));
    s.add(of("ACAO without the port", call("GET"), h -> ok("http://localhost")));
    s.add(of("ACAO listing two origins", call("GET"), h -> ok("{page}, http://other.example")));
    s.add(of("ACAO list without spaces", call("GET"), h -> ok("{page},http://other.example")));
    s.add(of("ACAO on two lines, same value", call("GET"), h -> ok(PAGE).h(ACAO, PAGE)));
    s.add(of("ACAO on two lines, * and origin", call("GET"), h -> ok("*").h(ACAO, PAGE)));
    s.add(of("ACAO empty", call("GET"), h -> ok("")));
    s.add(of("ACAO null", call("GET"), h -> ok("null")));
    s.add(of("ACAO upper-case", call("GET"), h -> ok("HTTP://LOCALHOST:{pa}")));
    s.add(of("ACAO without scheme", call("GET"), h -> ok("localhost:{pa}")));
    s.add(of("ACAO a bare host", call("GET"), h -> ok("example.com")));
    s.add(of("ACAO a subdomain pattern", call("GET"), h -> ok("http://*.localhost")));
    s.add(of("ACAO true", call("GET"), h -> ok("true")));
    s.add(of("GET 500 with the origin", call("GET"), h -> status(500).h(ACAO, PAGE)));
    s.add(of("GET 500 without headers", call("GET"), h -> status(500)));
    s.add(of("GET 404 without headers", call("GET"), h -> status(404)));
    s.add(of("GET 401 without headers", call("GET"), h -> status(401)));
    s.add(of("HEAD with the origin", call("HEAD"), h -> ok(PAGE)));
    s.add(of("lower-case get", call("get"), h -> ok(PAGE)));
    s.add(of("GET to another port, localhost", call("GET").at("{bLocal}"), h -> ok(PAGE)));
    s.add(
        of(
            "localhost API allowing 127.0.0.1",
            call("GET").at("{bLocal}"),
            h -> ok("http://127.0.0.1:{pa}")));
    // POST and content types.
    s.add(
        of(
            "POST text/plain without headers",
            call("POST").h("Content-Type", "text/plain"),
            h -> ok()));
    s.add(
        of(
            "POST form urlencoded",
            call("POST").h("Content-Type", "application/x-www-form-urlencoded"),
            h -> ok(PAGE)));
    s.add(
        of(
            "POST multipart",
            call("POST").h("Content-Type", "multipart/form-data; boundary=x"),
            h -> ok(PAGE)));
    s.add(
        of(
            "POST text/plain with charset",
            call("POST").h("Content-Type", "text/plain; charset=utf-8"),
            h -> ok(PAGE)));
    s.add(
        of(
            "POST Text/Plain mixed case",
            call("POST").h("Content-Type", "Text/Plain"),
            h -> ok(PAGE)));
    s.add(
        of(
            "POST text/plain with a quoted parameter",
            call("POST").h("Content-Type", "text/plain; a=\"b\""),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "POST JSON, preflight not handled",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? status(404) : ok(PAGE)));
    s.add(
        of(
            "POST JSON, preflight 405",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? status(405) : ok(PAGE)));
    s.add(
        of(
            "POST JSON allowed",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? pre(PAGE, "POST", "Content-Type") : ok(PAGE)));
    s.add(
        of(
            "POST JSON, ACAH missing",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? pre(PAGE, "POST", null) : ok(PAGE)));
    s.add(
        of(
            "POST JSON with charset allowed",
            call("POST").h("Content-Type", "application/json; charset=utf-8"),
            h -> h.preflight() ? pre(PAGE, null, "content-type") : ok(PAGE)));
    s.add(
        of(
            "POST JSON, actual without ACAO",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? pre(PAGE, "POST", "Content-Type") : ok()));
    s.add(
        of(
            "POST JSON, actual 500 without headers",
            call("POST").h("Content-Type", "application/json"),
            h -> h.preflight() ? pre(PAGE, "POST", "Content-Type") : status(500)));
    // Methods.
    s.add(
        of(
            "PUT, preflight 405 without headers",
            call("PUT"),
            h -> h.preflight() ? status(405) : ok(PAGE)));
    s.add(
        of(
            "PUT, preflight 404 with the origin",
            call("PUT"),
            h -> h.preflight() ? status(404).h(ACAO, PAGE).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "PUT, preflight 500 with the origin",
            call("PUT"),
            h -> h.preflight() ? status(500).h(ACAO, PAGE).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "PUT, preflight 401 without headers",
            call("PUT"),
            h -> h.preflight() ? status(401) : ok(PAGE)));
    s.add(
        of(
            "PUT, preflight 200 with the origin",
            call("PUT"),
            h -> h.preflight() ? ok(PAGE).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "PUT, ACAM missing",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "PUT, ACAM GET POST",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "GET, POST", null) : ok(PAGE)));
    s.add(of("PUT allowed", call("PUT"), h -> h.preflight() ? pre(PAGE, "PUT", null) : ok(PAGE)));
    s.add(
        of(
            "PUT, actual without ACAO",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "PUT", null) : ok()));
    s.add(of("PUT, ACAM *", call("PUT"), h -> h.preflight() ? pre(PAGE, "*", null) : ok(PAGE)));
    s.add(
        of(
            "PUT with credentials, ACAM *",
            call("PUT").creds(),
            h -> h.preflight() ? pre(PAGE, "*", null).h(ACAC, "true") : ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "PUT, ACAM lower-case put",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "put", null) : ok(PAGE)));
    s.add(
        of(
            "lower-case patch, ACAM PATCH",
            call("patch"),
            h -> h.preflight() ? pre(PAGE, "PATCH", null) : ok(PAGE)));
    s.add(
        of(
            "lower-case patch, ACAM patch",
            call("patch"),
            h -> h.preflight() ? pre(PAGE, "patch", null) : ok(PAGE)));
    s.add(
        of(
            "PATCH, ACAM PATCH",
            call("PATCH"),
            h -> h.preflight() ? pre(PAGE, "PATCH", null) : ok(PAGE)));
    s.add(
        of(
            "PATCH, ACAM patch",
            call("PATCH"),
            h -> h.preflight() ? pre(PAGE, "patch", null) : ok(PAGE)));
    s.add(
        of(
            "DELETE in a list",
            call("DELETE"),
            h -> h.preflight() ? pre(PAGE, "GET,POST,PUT,DELETE", null) : ok(PAGE)));
    s.add(
        of(
            "ACAM separated by spaces",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "GET PUT", null) : ok(PAGE)));
    s.add(
        of(
            "ACAM with an empty element",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "GET,,PUT", null) : ok(PAGE)));
    s.add(
        of(
            "ACAM on two lines",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "GET", null).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "custom method",
            call("PURGE"),
            h -> h.preflight() ? pre(PAGE, "PURGE", null) : ok(PAGE)));
    // Preflight origin and credentials.
    s.add(
        of(
            "preflight with * and credentials",
            call("PUT").creds(),
            h -> h.preflight() ? pre("*", "PUT", null).h(ACAC, "true") : ok(PAGE)));
    s.add(
        of(
            "preflight with credentials, ACAC missing",
            call("PUT").creds(),
            h -> h.preflight() ? pre(PAGE, "PUT", null) : ok(PAGE)));
    s.add(
        of(
            "preflight with credentials, ACAC True",
            call("PUT").creds(),
            h -> h.preflight() ? pre(PAGE, "PUT", null).h(ACAC, "True") : ok(PAGE)));
    s.add(
        of(
            "preflight ACAO on two lines",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "PUT", null).h(ACAO, PAGE) : ok(PAGE)));
    s.add(
        of(
            "preflight ACAO 127.0.0.1",
            call("PUT"),
            h -> h.preflight() ? pre("{a127}", "PUT", null) : ok(PAGE)));
    s.add(
        of(
            "preflight ACAO empty",
            call("PUT"),
            h -> h.preflight() ? pre("", "PUT", null) : ok(PAGE)));
    s.add(
        of(
            "preflight *, credentials allowed, all good",
            call("PUT").creds(),
            h ->
                h.preflight() ? pre(PAGE, "PUT", null).h(ACAC, "true") : ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "preflight redirected 301",
            call("PUT"),
            h -> h.preflight() ? status(301).h("Location", "{b127}{s}/res") : ok(PAGE)));
    s.add(
        of(
            "preflight redirected 307 with CORS headers",
            call("PUT"),
            h ->
                h.preflight()
                    ? status(307).h("Location", "{a127}{s}/res/").h(ACAO, PAGE).h(ACAM, "PUT")
                    : ok(PAGE)));
    s.add(
        of(
            "preflight 302 without Location",
            call("PUT"),
            h -> h.preflight() ? status(302).h(ACAO, PAGE).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "preflight 302 without Location or headers",
            call("PUT"),
            h -> h.preflight() ? status(302) : ok(PAGE)));
    s.add(
        of(
            "preflight 304",
            call("PUT"),
            h -> h.preflight() ? status(304).h(ACAO, PAGE).h(ACAM, "PUT") : ok(PAGE)));
    // Request headers.
    s.add(
        of(
            "X-Api-Key, ACAH missing",
            call("GET").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "X-Api-Key, ACAH upper-case",
            call("GET").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, "X-API-KEY") : ok(PAGE)));
    s.add(
        of(
            "two headers, one allowed",
            call("GET").h("X-Api-Key", "k").h("X-Trace", "t"),
            h -> h.preflight() ? pre(PAGE, null, "x-api-key") : ok(PAGE)));
    s.add(
        of(
            "two headers, none allowed",
            call("GET").h("X-Zeta", "z").h("X-Alpha", "a"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "Authorization with ACAH *",
            call("GET").h("Authorization", "Bearer t"),
            h -> h.preflight() ? pre(PAGE, null, "*") : ok(PAGE)));
    s.add(
        of(
            "Authorization named",
            call("GET").h("Authorization", "Bearer t"),
            h -> h.preflight() ? pre(PAGE, null, "Authorization") : ok(PAGE)));
    s.add(
        of(
            "custom header with ACAH *",
            call("GET").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, "*") : ok(PAGE)));
    s.add(
        of(
            "custom header with ACAH * and credentials",
            call("GET").h("X-Api-Key", "k").creds(),
            h -> h.preflight() ? pre(PAGE, null, "*").h(ACAC, "true") : ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "ACAH separated by spaces",
            call("GET").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, "X-Api-Key X-Other") : ok(PAGE)));
    s.add(
        of(
            "ACAH on two lines",
            call("PUT").h("X-B", "1").h("X-A", "1"),
            h -> h.preflight() ? pre(PAGE, "PUT", "X-A").h(ACAH, "X-B") : ok(PAGE)));
    s.add(
        of(
            "PUT with JSON and a key, all allowed",
            call("PUT").h("Content-Type", "application/json").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, "PUT", "content-type, x-api-key") : ok(PAGE)));
    s.add(
        of(
            "Accept-Language safelisted",
            call("GET").h("Accept-Language", "en-US,en;q=0.9"),
            h -> ok(PAGE)));
    s.add(
        of(
            "Accept-Language with a parenthesis",
            call("GET").h("Accept-Language", "en (US)"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "Content-Language safelisted",
            call("GET").h("Content-Language", "de-DE"),
            h -> ok(PAGE)));
    s.add(of("Accept of 128 bytes", call("GET").h("Accept", "a".repeat(128)), h -> ok(PAGE)));
    s.add(
        of(
            "Accept of 129 bytes",
            call("GET").h("Accept", "a".repeat(129)),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "long Accept allowed by ACAH",
            call("GET").h("Accept", "a".repeat(200)),
            h -> h.preflight() ? pre(PAGE, null, "Accept") : ok(PAGE)));
    s.add(of("Range single", call("GET").h("Range", "bytes=0-99"), h -> ok(PAGE)));
    s.add(of("Range open-ended", call("GET").h("Range", "bytes=100-"), h -> ok(PAGE)));
    s.add(
        of(
            "Range suffix",
            call("GET").h("Range", "bytes=-500"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "Range two ranges",
            call("GET").h("Range", "bytes=0-1,5-6"),
            h -> h.preflight() ? pre(PAGE, null, "range") : ok(PAGE)));
    s.add(
        of(
            "Range reversed",
            call("GET").h("Range", "bytes=9-1"),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(of("forbidden header dropped", call("GET").h("Cookie", "a=b"), h -> ok(PAGE)));
    s.add(
        of(
            "custom header with an empty value",
            call("GET").h("X-Empty", ""),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    // Redirects of the actual request.
    s.add(
        of(
            "redirect without CORS headers",
            call("GET"),
            h -> h.at().equals("res") ? status(302).h("Location", "{s}/next") : ok(PAGE)));
    s.add(
        of(
            "same-origin redirect with CORS headers",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{s}/next").h(ACAO, PAGE)
                    : ok(PAGE)));
    s.add(
        of(
            "redirect, target without CORS headers",
            call("GET"),
            h ->
                h.at().equals("res") ? status(302).h("Location", "{s}/next").h(ACAO, PAGE) : ok()));
    s.add(
        of(
            "cross-origin redirect, target allows the page",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{b127}{s}/next").h(ACAO, PAGE)
                    : ok(PAGE)));
    s.add(
        of(
            "cross-origin redirect, target allows *",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{b127}{s}/next").h(ACAO, PAGE)
                    : ok("*")));
    s.add(
        of(
            "cross-origin redirect, target allows null",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(307).h("Location", "{b127}{s}/next").h(ACAO, PAGE)
                    : ok("null")));
    s.add(
        of(
            "cross-origin redirect with credentials, target allows null",
            call("GET").creds(),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{b127}{s}/next").h(ACAO, PAGE).h(ACAC, "true")
                    : ok("null").h(ACAC, "true")));
    s.add(
        of(
            "cross-origin 301 redirect, target without headers",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(301).h("Location", "{b127}{s}/next").h(ACAO, "*")
                    : ok()));
    s.add(
        of(
            "308 redirect of a POST",
            call("POST").h("Content-Type", "text/plain"),
            h ->
                h.at().equals("res")
                    ? status(308).h("Location", "{s}/next").h(ACAO, PAGE)
                    : ok(PAGE)));
    s.add(
        of(
            "303 turns PUT into GET",
            call("PUT"),
            h ->
                h.preflight()
                    ? pre(PAGE, "PUT", null)
                    : h.at().equals("res")
                        ? status(303).h("Location", "{s}/next").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "302 turns POST JSON into GET",
            call("POST").h("Content-Type", "application/json"),
            h ->
                h.preflight()
                    ? pre(PAGE, "POST", "content-type")
                    : h.at().equals("res")
                        ? status(302).h("Location", "{s}/next").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "preflighted PUT redirected cross-origin, new preflight allowed",
            call("PUT"),
            h ->
                h.preflight()
                    ? pre("*", "PUT", null)
                    : h.at().equals("res")
                        ? status(307).h("Location", "{b127}{s}/next").h(ACAO, "*")
                        : ok("*")));
    s.add(
        of(
            "preflighted PUT redirected, new preflight not handled",
            call("PUT"),
            h ->
                h.preflight()
                    ? (h.at().equals("res") ? pre(PAGE, "PUT", null) : status(404))
                    : h.at().equals("res")
                        ? status(307).h("Location", "{s}/next").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "preflighted PUT redirected same-origin, allowed",
            call("PUT").h("X-Api-Key", "k"),
            h ->
                h.preflight()
                    ? pre(PAGE, "PUT", "x-api-key")
                    : h.at().equals("res")
                        ? status(307).h("Location", "{s}/next").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "same-origin URL redirected cross-origin, allowed",
            call("GET").at("{page}"),
            h ->
                h.server().equals("a") && h.at().equals("res") && "localhost".equals(host(h))
                    ? status(302).h("Location", "{a127}{s}/next")
                    : ok(PAGE)));
    s.add(
        of(
            "same-origin URL redirected cross-origin, no headers",
            call("GET").at("{page}"),
            h -> h.at().equals("res") ? status(302).h("Location", "{b127}{s}/next") : ok()));
    s.add(
        of(
            "cross-origin redirect back to the page's origin",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{page}{s}/next").h(ACAO, PAGE)
                    : ok()));
    s.add(
        of(
            "redirect back to the page's origin allowing null",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{page}{s}/next").h(ACAO, PAGE)
                    : ok("null")));
    s.add(
        of(
            "redirect to a URL with credentials",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302)
                        .h("Location", "http://user:pw@127.0.0.1:{pb}{s}/next")
                        .h(ACAO, PAGE)
                    : ok("*")));
    s.add(
        of(
            "three same-origin hops",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{s}/one").h(ACAO, PAGE)
                    : h.at().equals("one")
                        ? status(307).h("Location", "{s}/two").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "two cross-origin hops",
            call("GET"),
            h ->
                h.at().equals("res")
                    ? status(302).h("Location", "{b127}{s}/one").h(ACAO, PAGE)
                    : h.at().equals("one")
                        ? status(302).h("Location", "{bLocal}{s}/two").h(ACAO, "null")
                        : ok("*")));
    s.add(
        of(
            "Authorization dropped on a cross-origin redirect",
            call("GET").h("Authorization", "Bearer t"),
            h ->
                h.preflight()
                    ? pre("*", null, "authorization")
                    : h.at().equals("res")
                        ? status(307).h("Location", "{b127}{s}/next").h(ACAO, "*")
                        : ok("*")));
    s.add(
        of(
            "Authorization kept on a same-origin redirect",
            call("GET").h("Authorization", "Bearer t"),
            h ->
                h.preflight()
                    ? pre(PAGE, null, "authorization")
                    : h.at().equals("res")
                        ? status(307).h("Location", "{s}/next").h(ACAO, PAGE)
                        : ok(PAGE)));
    s.add(
        of(
            "Authorization with ACAH * and credentials",
            call("GET").h("Authorization", "Bearer t").creds(),
            h -> h.preflight() ? pre(PAGE, null, "*").h(ACAC, "true") : ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "300 with a Location is not followed",
            call("GET"),
            h ->
                h.at().equals("res") ? status(300).h("Location", "{s}/next").h(ACAO, PAGE) : ok()));
    s.add(
        of(
            "preflight 300 with a Location",
            call("PUT"),
            h ->
                h.preflight()
                    ? status(300).h("Location", "{s}/next").h(ACAO, PAGE).h(ACAM, "PUT")
                    : ok(PAGE)));
    s.add(
        of(
            "preflighted PUT redirected cross-origin, new preflight allows the page not null",
            call("PUT"),
            h ->
                h.preflight()
                    ? pre(h.server().equals("a") ? "*" : PAGE, "PUT", null)
                    : h.at().equals("res")
                        ? status(307).h("Location", "{b127}{s}/next").h(ACAO, "*")
                        : ok("*")));
    s.add(of("ACAO with a path", call("GET"), h -> ok("{page}/app")));
    s.add(of("ACAO with a non-ASCII byte", call("GET"), h -> ok("http://caf\u00e9.example")));
    s.add(of("ACAO with a tab inside", call("GET"), h -> ok("http://localhost:{pa}\tx")));
    s.add(of("ACAM empty", call("PUT"), h -> h.preflight() ? pre(PAGE, "", null) : ok(PAGE)));
    s.add(
        of(
            "ACAM with a semicolon",
            call("PUT"),
            h -> h.preflight() ? pre(PAGE, "PUT;", null) : ok(PAGE)));
    s.add(
        of(
            "ACAH only commas",
            call("GET").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, " , ,") : ok(PAGE)));
    s.add(
        of(
            "OPTIONS as the method",
            call("OPTIONS"),
            h -> h.preflight() ? pre(PAGE, "OPTIONS", null) : ok(PAGE)));
    s.add(
        of(
            "204 actual response",
            call("DELETE"),
            h -> h.preflight() ? pre(PAGE, "DELETE", null) : status(204).h(ACAO, PAGE)));
    s.add(
        of(
            "preflight 299 with headers",
            call("PUT"),
            h -> h.preflight() ? status(299).h(ACAO, PAGE).h(ACAM, "PUT") : ok(PAGE)));
    s.add(
        of(
            "Content-Type on two -H lines",
            call("POST").h("Content-Type", "text/plain").h("Content-Type", "text/html"),
            h -> h.preflight() ? pre(PAGE, null, "content-type") : ok(PAGE)));
    s.add(
        of(
            "credentials, preflight and actual both need ACAC",
            call("PUT").creds(),
            h -> h.preflight() ? pre(PAGE, "PUT", null).h(ACAC, "true") : ok(PAGE)));
    s.add(
        of(
            "lower-case patch with ACAM *",
            call("patch"),
            h -> h.preflight() ? pre(PAGE, "*", null) : ok(PAGE)));
    s.add(
        of(
            "POST JSON with credentials, all allowed",
            call("POST").h("Content-Type", "application/json").creds(),
            h ->
                h.preflight()
                    ? pre(PAGE, "POST", "Content-Type").h(ACAC, "true")
                    : ok(PAGE).h(ACAC, "true")));
    s.add(
        of(
            "HEAD with a custom header",
            call("HEAD").h("X-Api-Key", "k"),
            h -> h.preflight() ? pre(PAGE, null, "x-api-key") : ok(PAGE)));
    s.add(
        of(
            "preflight ACAO with a trailing slash",
            call("DELETE"),
            h -> h.preflight() ? pre("{page}/", "DELETE", null) : ok(PAGE)));
    s.add(
        of(
            "Accept-Language of 129 bytes",
            call("GET").h("Accept-Language", "e".repeat(129)),
            h -> h.preflight() ? pre(PAGE, null, null) : ok(PAGE)));
    s.add(
        of(
            "text/plain;charset=UTF-8 without space",
            call("POST").h("Content-Type", "text/plain;charset=UTF-8"),
            h -> ok(PAGE)));
    s.add(
        of(
            "form urlencoded with charset",
            call("POST").h("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            h -> ok()));
    s.add(
        of(
            "text/plain of 129 bytes",
            call("POST").h("Content-Type", "text/plain;" + "a".repeat(118)),
            h -> h.preflight() ? pre(PAGE, null, "content-type") : ok(PAGE)));
    s.add(
        of(
            "Range bytes=0-0 with credentials",
            call("GET").h("Range", "bytes=0-0").creds(),
            h -> status(206).h(ACAO, PAGE).h(ACAC, "true")));
    s.add(
        of(
            "X-Requested-With not allowed",
            call("GET").h("X-Requested-With", "XMLHttpRequest"),
            h -> h.preflight() ? pre(PAGE, "GET, POST", "Content-Type") : ok(PAGE)));
    s.add(
        of(
            "preflighted request redirected to another port with credentials",
            call("PUT").creds(),
            h ->
                h.preflight()
                    ? pre(h.server().equals("a") ? PAGE : "null", "PUT", null).h(ACAC, "true")
                    : h.at().equals("res")
                        ? status(307).h("Location", "{b127}{s}/next").h(ACAO, PAGE).h(ACAC, "true")
                        : ok("null").h(ACAC, "true")));
    s.add(
        of(
            "actual 401 without headers after a good preflight",
            call("GET").h("Authorization", "Bearer t"),
            h -> h.preflight() ? pre(PAGE, null, "Authorization") : status(401)));
    // Same-origin calls need no CORS at all.
    s.add(of("same-origin GET", call("GET").at("{page}"), h -> ok()));
    s.add(
        of(
            "same-origin PUT with a custom header",
            call("PUT").h("X-Api-Key", "k").at("{page}"),
            h -> ok()));
    return s.stream();
  }

  private static String host(Hit h) {
    String host = h.header("Host");
    return host == null ? "" : host.split(":")[0];
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void chromiumAndCheckAgree(Scenario sc) throws Exception {
    String id = "t" + COUNTER.incrementAndGet();
    server.script(id, sc.script);
    String url = expand(server, sc.target) + "/s/" + id + "/res";
    String page = "http://localhost:" + server.portA();

    String js = chromiumFetch(url, sc);
    Object result = chromium.run(js);
    boolean chromeAllowed = String.valueOf(result).startsWith("ok");
    String chromeMessage = chromeAllowed ? null : consoleMessage();
    drainLogs();
    List<String> chromeHits = summary(server.take(id));

    List<String> args = checkArgs(url, page, sc);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CheckCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    List<String> checkHits = summary(server.take(id));
    String checkMessage = null;
    for (String line : printed.split("\n")) {
      if (line.trim().startsWith("Access to fetch at")) {
        checkMessage = line.trim();
        break;
      }
    }
    if (chromeMessage != null) {
      ExplainCommand.Parsed parsed = ExplainCommand.parse(chromeMessage);
      if (parsed != null) {
        SEEN.add(parsed.error());
      }
    }
    String context = "chromium: " + result + "\ncheck output:\n" + printed + err;
    assertThat(status).as(context).isIn(0, 1);
    assertThat(status == 0).as("verdict; " + context).isEqualTo(chromeAllowed);
    assertThat(checkHits).as("requests received; " + context).isEqualTo(chromeHits);
    assertThat(checkMessage).as("console message; " + context).isEqualTo(chromeMessage);
  }

  static String expand(ScenarioServer server, String s) {
    return s.replace("{page}", "http://localhost:" + server.portA())
        .replace("{a127}", "http://127.0.0.1:" + server.portA())
        .replace("{b127}", "http://127.0.0.1:" + server.portB())
        .replace("{bLocal}", "http://localhost:" + server.portB());
  }

  /** What the server saw, in the terms both must agree on. */
  static List<String> summary(List<Hit> hits) {
    List<String> out = new ArrayList<>();
    for (Hit h : hits) {
      out.add(
          h.server()
              + " "
              + h.method()
              + " "
              + h.at()
              + " Origin="
              + h.header("Origin")
              + " ACRM="
              + h.header("Access-Control-Request-Method")
              + " ACRH="
              + h.header("Access-Control-Request-Headers")
              + " Authorization="
              + h.header("Authorization")
              + " Content-Type="
              + h.header("Content-Type"));
    }
    return out;
  }

  private static String chromiumFetch(String url, Scenario sc) {
    StringBuilder headers = new StringBuilder("[");
    for (String[] h : sc.headers) {
      headers.append('[').append(js(h[0])).append(',').append(js(h[1])).append("],");
    }
    headers.append(']');
    return "try { const r = await fetch("
        + js(url)
        + ", {method: "
        + js(sc.method)
        + ", headers: "
        + headers
        + ", credentials: "
        + js(sc.credentials ? "include" : "same-origin")
        + "}); return 'ok ' + r.status; } catch (e) { return 'error ' + e; }";
  }

  private static String js(String s) {
    return Json.quote(s);
  }

  /** The CORS message Chromium logged for the last fetch, from "Access to fetch at". */
  private static String consoleMessage() throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (LogEntry e : chromium.driver().manage().logs().get(LogType.BROWSER)) {
        String m = e.getMessage();
        int at = m.indexOf("Access to fetch at");
        if (at >= 0) {
          return m.substring(at).trim();
        }
      }
      Thread.sleep(30);
    }
    return null;
  }

  private static void drainLogs() {
    chromium.driver().manage().logs().get(LogType.BROWSER);
  }
}
