package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.check.Browser.Failure;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Firefox's and WebKit's checks and messages, one answer at a time (the agreement ITs compare them
 * with the real browsers); the message tables hold the engines' strings verbatim.
 */
class EngineChecksTest {
  static final String PAGE = "http://localhost:5173";
  static final String URL = "http://127.0.0.1:3000/api";
  static final String FF =
      "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource"
          + " at http://127.0.0.1:3000/api. ";

  static Response answer(int status, String... headers) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      fields.add(new Field(headers[i], headers[i + 1]));
    }
    return new Response(status, fields);
  }

  static Stream<Arguments> firefoxAccess() {
    return Stream.of(
        Arguments.of(
            "no ACAO names the status",
            answer(500),
            false,
            FF + "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500."),
        Arguments.of(
            "two lines are one value that does not match",
            answer(200, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Origin", PAGE),
            false,
            FF
                + "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match"
                + " ‘http://localhost:5173, http://localhost:5173’)."),
        Arguments.of(
            "* with credentials quotes the URL",
            answer(200, "Access-Control-Allow-Origin", "*"),
            true,
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote"
                + " resource at ‘http://127.0.0.1:3000/api’. (Reason: Credential is not supported"
                + " if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."),
        Arguments.of(
            "a byte that is not UTF-8 prints as U+FFFD",
            answer(200, "Access-Control-Allow-Origin", "http://caf\u00e9.example"),
            false,
            FF
                + "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match"
                + " ‘http://caf\ufffd.example’)."),
        Arguments.of(
            "credentials without ACAC true",
            answer(
                200,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Credentials",
                "True"),
            true,
            FF + "(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."),
        Arguments.of(
            "the origin passes", answer(200, "Access-Control-Allow-Origin", PAGE), false, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firefoxAccess")
  void firefoxAccessCheck(String desc, Response r, boolean credentials, String message) {
    Failure f = FirefoxChecks.checkAccess(r, credentials, PAGE, URL);
    assertThat(f == null ? null : f.text()).isEqualTo(message);
  }

  static Stream<Arguments> firefoxPreflight() {
    return Stream.of(
        Arguments.of(
            "ACAO is checked before the redirect",
            answer(307, "Location", "/other"),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER,
            FF + "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 307."),
        Arguments.of(
            "a redirect that allows the origin",
            answer(307, "Location", "/other", "Access-Control-Allow-Origin", PAGE),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_DISALLOWED_REDIRECT,
            FF + "(Reason: CORS request external redirect not allowed)."),
        Arguments.of(
            "a 404 with the origin",
            answer(404, "Access-Control-Allow-Origin", PAGE),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_INVALID_STATUS,
            FF + "(Reason: CORS preflight response did not succeed). Status code: 404."),
        Arguments.of(
            "a method list with a space names the bad token",
            answer(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Methods",
                "GET PUT"),
            "PUT",
            List.<Field>of(),
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE,
            FF
                + "(Reason: invalid token ‘GET PUT’ in CORS header ‘Access-Control-Allow-Methods’)."),
        Arguments.of(
            "the method is not named",
            answer(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "GET"),
            "PUT",
            List.<Field>of(),
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            FF + "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."),
        Arguments.of(
            "the first refused header in sorted order, lower case",
            answer(204, "Access-Control-Allow-Origin", PAGE),
            "GET",
            List.of(new Field("X-Zeta", "z"), new Field("X-Alpha", "a")),
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            FF
                + "(Reason: header ‘x-alpha’ is not allowed according to header"
                + " ‘Access-Control-Allow-Headers’ from CORS preflight response)."),
        Arguments.of(
            "* covers Authorization (with a warning only)",
            answer(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Headers", "*"),
            "GET",
            List.of(new Field("Authorization", "Bearer t")),
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firefoxPreflight")
  void firefoxPreflightChecksInFirefoxsOrder(
      String desc, Response r, String method, List<Field> headers, CorsError error, String text) {
    Failure f = FirefoxChecks.checkPreflight(r, method, headers, false, PAGE, URL);
    assertThat(f == null ? null : f.error()).isEqualTo(error);
    assertThat(f == null ? null : f.text()).isEqualTo(text);
  }

  static Stream<Arguments> webkitPreflight() {
    return Stream.of(
        Arguments.of(
            "the status comes before any header",
            answer(404),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_INVALID_STATUS,
            "Preflight response is not successful. Status code: 404"),
        Arguments.of(
            "a redirect is a status too",
            answer(
                301, "Location", "http://127.0.0.1:3001/api", "Access-Control-Allow-Origin", PAGE),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_DISALLOWED_REDIRECT,
            "Preflight response is not successful. Status code: 301"),
        Arguments.of(
            "no ACAO names the page's origin and the status",
            answer(204),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER,
            "Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status"
                + " code: 204"),
        Arguments.of(
            "a comma is more than one origin",
            answer(204, "Access-Control-Allow-Origin", PAGE + ", http://other.example"),
            "PUT",
            List.<Field>of(),
            CorsError.PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES,
            "Access-Control-Allow-Origin cannot contain more than one origin."),
        Arguments.of(
            "an unparsable method list is quoted whole",
            answer(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Methods",
                "GET PUT"),
            "PUT",
            List.<Field>of(),
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE,
            "Header Access-Control-Allow-Methods has an invalid value: GET PUT"),
        Arguments.of(
            "the method",
            answer(204, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Methods", "GET"),
            "PUT",
            List.<Field>of(),
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "Method PUT is not allowed by Access-Control-Allow-Methods."),
        Arguments.of(
            "the first refused header in the page's order and spelling",
            answer(204, "Access-Control-Allow-Origin", PAGE),
            "GET",
            List.of(new Field("X-Zeta", "z"), new Field("X-Alpha", "a")),
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "Request header field X-Zeta is not allowed by Access-Control-Allow-Headers."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("webkitPreflight")
  void webkitPreflightChecksInWebKitsOrder(
      String desc, Response r, String method, List<Field> headers, CorsError error, String text) {
    Failure f = WebKitChecks.checkPreflight(r, method, headers, false, PAGE);
    assertThat(f == null ? null : f.error()).isEqualTo(error);
    assertThat(f == null ? null : f.text()).isEqualTo(text);
  }

  @Test
  void webkitWildcardAndCredentials() {
    Failure wildcard =
        WebKitChecks.checkAccess(answer(200, "Access-Control-Allow-Origin", "*"), true, PAGE);
    assertThat(wildcard.text())
        .isEqualTo(
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.");
    Failure acac =
        WebKitChecks.checkAccess(answer(200, "Access-Control-Allow-Origin", PAGE), true, PAGE);
    assertThat(acac.text())
        .isEqualTo(
            "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".");
  }

  @Test
  void webkitNamesARedirectsTargetWithoutItsCredentials() {
    Failure f =
        WebKitChecks.redirectWithCredentials(java.net.URI.create("http://u:p@127.0.0.1:3001/x"));
    assertThat(f.text())
        .isEqualTo(
            "Cross-origin redirection to http://127.0.0.1:3001/x denied by Cross-Origin Resource"
                + " Sharing policy: redirection URL http://u:p@127.0.0.1:3001/x has credentials");
  }

  @Test
  void engineNamesAndTheWebkitAlias() {
    assertThat(Engine.parse("webkit")).isEqualTo(Engine.SAFARI);
    assertThat(Engine.parse("Firefox")).isEqualTo(Engine.FIREFOX);
    assertThat(Engine.parse("chromium")).isEqualTo(Engine.CHROMIUM);
    assertThat(Engine.parse("opera")).isNull();
  }
}
