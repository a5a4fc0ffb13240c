package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.check.Browser.Failure;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chromium's CORS check and preflight checks on response values (no network). */
class BrowserChecksTest {
  static final String PAGE = "http://localhost:5173";

  static Response response(int status, String... nameValues) {
    List<Field> h = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(new Field(nameValues[i], nameValues[i + 1]));
    }
    return new Response(status, h);
  }

  static Stream<Arguments> access() {
    return Stream.of(
        Arguments.of(
            "exact origin", response(200, "Access-Control-Allow-Origin", PAGE), false, null, null),
        Arguments.of("missing", response(200), false, CorsError.MISSING_ALLOW_ORIGIN_HEADER, null),
        Arguments.of(
            "* without credentials",
            response(200, "Access-Control-Allow-Origin", "*"),
            false,
            null,
            null),
        Arguments.of(
            "* with credentials",
            response(200, "Access-Control-Allow-Origin", "*"),
            true,
            CorsError.WILDCARD_ORIGIN_NOT_ALLOWED,
            null),
        Arguments.of(
            "two lines",
            response(200, "Access-Control-Allow-Origin", PAGE, "Access-Control-Allow-Origin", PAGE),
            false,
            CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES,
            PAGE + ", " + PAGE),
        Arguments.of(
            "empty",
            response(200, "Access-Control-Allow-Origin", ""),
            false,
            CorsError.INVALID_ALLOW_ORIGIN_VALUE,
            ""),
        Arguments.of(
            "null",
            response(200, "Access-Control-Allow-Origin", "null"),
            false,
            CorsError.ALLOW_ORIGIN_MISMATCH,
            "null"),
        Arguments.of(
            "trailing slash",
            response(200, "Access-Control-Allow-Origin", PAGE + "/"),
            false,
            CorsError.ALLOW_ORIGIN_MISMATCH,
            PAGE + "/"),
        Arguments.of(
            "bare host",
            response(200, "Access-Control-Allow-Origin", "example.com"),
            false,
            CorsError.INVALID_ALLOW_ORIGIN_VALUE,
            "example.com"),
        Arguments.of(
            "credentials missing",
            response(200, "Access-Control-Allow-Origin", PAGE),
            true,
            CorsError.INVALID_ALLOW_CREDENTIALS,
            ""),
        Arguments.of(
            "credentials True",
            response(
                200,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Credentials",
                "True"),
            true,
            CorsError.INVALID_ALLOW_CREDENTIALS,
            "True"),
        Arguments.of(
            "credentials true",
            response(
                200,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Credentials",
                "true"),
            true,
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("access")
  void corsCheck(String desc, Response r, boolean credentials, CorsError error, String hint) {
    Failure f = Browser.checkAccess(r, credentials, PAGE);
    assertThat(f == null ? null : f.error()).isEqualTo(error);
    if (hint != null) {
      assertThat(f.hint()).isEqualTo(hint);
    }
  }

  static Stream<Arguments> preflight() {
    String o = "Access-Control-Allow-Origin";
    String m = "Access-Control-Allow-Methods";
    String h = "Access-Control-Allow-Headers";
    List<Field> key = List.of(new Field("X-Api-Key", "k"));
    List<Field> auth = List.of(new Field("Authorization", "Bearer t"));
    List<Field> two = List.of(new Field("X-Zeta", "z"), new Field("X-Alpha", "a"));
    return Stream.of(
        Arguments.of(
            "allowed", response(204, o, PAGE, m, "PUT"), "PUT", List.of(), false, null, null),
        Arguments.of(
            "redirect",
            response(301, "Location", "/x", o, PAGE),
            "PUT",
            List.of(),
            false,
            CorsError.PREFLIGHT_DISALLOWED_REDIRECT,
            null),
        Arguments.of(
            "302 without Location is a status error",
            response(302, o, PAGE),
            "PUT",
            List.of(),
            false,
            CorsError.PREFLIGHT_INVALID_STATUS,
            null),
        Arguments.of(
            "404 without headers: origin first",
            response(404),
            "PUT",
            List.of(),
            false,
            CorsError.PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER,
            null),
        Arguments.of(
            "404 with headers",
            response(404, o, PAGE, m, "PUT"),
            "PUT",
            List.of(),
            false,
            CorsError.PREFLIGHT_INVALID_STATUS,
            null),
        Arguments.of(
            "method missing",
            response(204, o, PAGE),
            "PUT",
            List.of(),
            false,
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "PUT"),
        Arguments.of(
            "patch vs PATCH",
            response(204, o, PAGE, m, "PATCH"),
            "patch",
            List.of(),
            false,
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "patch"),
        Arguments.of(
            "* methods", response(204, o, PAGE, m, "*"), "PUT", List.of(), false, null, null),
        Arguments.of(
            "* methods with credentials",
            response(204, o, PAGE, m, "*", "Access-Control-Allow-Credentials", "true"),
            "PUT",
            List.of(),
            true,
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "PUT"),
        Arguments.of(
            "methods by spaces",
            response(204, o, PAGE, m, "GET PUT"),
            "PUT",
            List.of(),
            false,
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE,
            null),
        Arguments.of(
            "headers by spaces",
            response(204, o, PAGE, h, "a b"),
            "GET",
            key,
            false,
            CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE,
            null),
        Arguments.of(
            "header missing",
            response(204, o, PAGE),
            "GET",
            key,
            false,
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "x-api-key"),
        Arguments.of(
            "first refused header in request order",
            response(204, o, PAGE),
            "GET",
            two,
            false,
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "x-zeta"),
        Arguments.of(
            "header case-insensitive",
            response(204, o, PAGE, h, "X-API-KEY"),
            "GET",
            key,
            false,
            null,
            null),
        Arguments.of("* headers", response(204, o, PAGE, h, "*"), "GET", key, false, null, null),
        Arguments.of(
            "* covers Authorization in Chromium",
            response(204, o, PAGE, h, "*"),
            "GET",
            auth,
            false,
            null,
            null),
        Arguments.of(
            "* headers with credentials",
            response(204, o, PAGE, h, "*", "Access-Control-Allow-Credentials", "true"),
            "GET",
            key,
            true,
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            "x-api-key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("preflight")
  void preflightChecks(
      String desc,
      Response r,
      String method,
      List<Field> headers,
      boolean credentials,
      CorsError error,
      String hint) {
    Failure f = Browser.checkPreflight(r, method, headers, credentials, PAGE);
    assertThat(f == null ? null : f.error()).isEqualTo(error);
    if (hint != null) {
      assertThat(f.hint()).isEqualTo(hint);
    }
  }

  static Stream<Arguments> needsPreflight() {
    return Stream.of(
        Arguments.of("GET", "GET", List.of(), false),
        Arguments.of("PUT", "PUT", List.of(), true),
        Arguments.of("lower-case patch", "patch", List.of(), true),
        Arguments.of(
            "POST form",
            "POST",
            List.of(new Field("Content-Type", "application/x-www-form-urlencoded")),
            false),
        Arguments.of(
            "POST json", "POST", List.of(new Field("Content-Type", "application/json")), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("needsPreflight")
  void preflightIsSentWhenChromiumSendsOne(
      String desc, String method, List<Field> headers, boolean expected) {
    assertThat(Browser.needsPreflight(method, headers)).isEqualTo(expected);
  }
}
