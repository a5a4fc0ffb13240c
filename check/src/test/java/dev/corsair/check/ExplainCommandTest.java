package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExplainCommandTest {
  @ParameterizedTest(name = "{0}")
  @EnumSource(CorsError.class)
  void everyChromiumMessageIsRecognised(CorsError e) {
    String hint = e.template.contains("%s") ? "x-api-key" : "";
    String message =
        e.message(
            "http://localhost:3000/a", "http://127.0.0.1:3000/b", "http://localhost:5173", hint);
    ExplainCommand.Parsed p = ExplainCommand.parse(message);
    assertThat(p).isNotNull();
    assertThat(p.error()).isEqualTo(e);
    assertThat(p.hint()).isEqualTo(hint);
    assertThat(p.url()).isEqualTo("http://127.0.0.1:3000/b");
    assertThat(p.redirectedFrom()).isEqualTo("http://localhost:3000/a");
    assertThat(p.origin()).isEqualTo("http://localhost:5173");
  }

  static Stream<Arguments> pasted() {
    return Stream.of(
        Arguments.of(
            "older Chromium with the opaque-response ending",
            "Access to fetch at 'https://api.example.com/x' from origin 'http://localhost:3000'"
                + " has been blocked by CORS policy: Response to preflight request doesn't pass"
                + " access control check: No 'Access-Control-Allow-Origin' header is present on"
                + " the requested resource. If an opaque response serves your needs, set the"
                + " request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            CorsError.PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER),
        Arguments.of(
            "XMLHttpRequest wrapped over lines",
            "Access to XMLHttpRequest at 'http://h/x' from origin 'http://o'\n has been blocked"
                + " by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the"
                + " response must not be the wildcard '*' when the request's credentials mode is"
                + " 'include'. The credentials mode of requests initiated by the XMLHttpRequest"
                + " is controlled by the withCredentials attribute.",
            CorsError.WILDCARD_ORIGIN_NOT_ALLOWED),
        Arguments.of(
            "older mismatch ending",
            "Access to fetch at 'http://h/x' from origin 'http://o' has been blocked by CORS"
                + " policy: The 'Access-Control-Allow-Origin' header has a value 'http://p' that"
                + " is not equal to the supplied origin. Have the server send the header with a"
                + " valid value, or, if an opaque response serves your needs, set the request's"
                + " mode to 'no-cors' to fetch the resource with CORS disabled.",
            CorsError.ALLOW_ORIGIN_MISMATCH),
        Arguments.of(
            "Firefox missing header",
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote"
                + " resource at https://api.example.com/x. (Reason: CORS header"
                + " 'Access-Control-Allow-Origin' missing). Status code: 200.",
            CorsError.MISSING_ALLOW_ORIGIN_HEADER),
        Arguments.of(
            "Firefox mismatch",
            "(Reason: CORS header 'Access-Control-Allow-Origin' does not match 'http://a')",
            CorsError.ALLOW_ORIGIN_MISMATCH),
        Arguments.of(
            "Firefox credentials",
            "(Reason: expected 'true' in CORS header 'Access-Control-Allow-Credentials')",
            CorsError.INVALID_ALLOW_CREDENTIALS),
        Arguments.of(
            "Firefox header",
            "(Reason: missing token 'x-api-key' in CORS header 'Access-Control-Allow-Headers'"
                + " from CORS preflight channel)",
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            "Firefox preflight status",
            "(Reason: CORS preflight response did not succeed). Status code: 404.",
            CorsError.PREFLIGHT_INVALID_STATUS),
        Arguments.of(
            "Firefox wildcard",
            "(Reason: Credential is not supported if the CORS header"
                + " 'Access-Control-Allow-Origin' is '*')",
            CorsError.WILDCARD_ORIGIN_NOT_ALLOWED),
        Arguments.of(
            "Firefox method",
            "(Reason: Did not find method in CORS header 'Access-Control-Allow-Methods')",
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            "Firefox multiple",
            "(Reason: Multiple CORS header 'Access-Control-Allow-Origin' not allowed)",
            CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pasted")
  void pastedMessagesAreRecognised(String desc, String text, CorsError error) {
    assertThat(ExplainCommand.parse(text).error()).isEqualTo(error);
  }

  @Test
  void explainsAndSuggestsACheck() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ExplainCommand.run(
            List.of(
                "Access to fetch at 'http://localhost:3000/api' from origin"
                    + " 'http://localhost:5173' has been blocked by CORS policy: Request header"
                    + " field x-api-key is not allowed by Access-Control-Allow-Headers in"
                    + " preflight response."),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(text)
        .contains("HeaderDisallowedByPreflightResponse")
        .contains("add x-api-key to Access-Control-Allow-Headers")
        .contains("corsair check 'http://localhost:3000/api' --origin http://localhost:5173");
  }

  @Test
  void firefoxStatusIsShownAndAnErrorStatusExplained() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ExplainCommand.run(
            List.of(
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote"
                    + " resource at https://api.example.com/items. (Reason: CORS header"
                    + " 'Access-Control-Allow-Origin' missing). Status code: 500."),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("URL:    https://api.example.com/items")
        .contains("status: 500")
        .contains("The response is an error (500)");
  }

  @Test
  void aRedirectedMessageSuggestsCheckingTheFirstUrl() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExplainCommand.run(
        List.of(
            "Access to fetch at 'http://b/x' (redirected from 'http://a/x') from origin"
                + " 'http://o' has been blocked by CORS policy: No 'Access-Control-Allow-Origin'"
                + " header is present on the requested resource."),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("corsair check 'http://a/x' --origin http://o")
        .contains("after a redirect from http://a/x");
  }

  @Test
  void somethingElseIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ExplainCommand.run(
            List.of("hello"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Access to fetch at");
  }

  @Test
  void networkErrorsAreNotCors() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ExplainCommand.run(
            List.of("GET http://localhost:3000/api net::ERR_CONNECTION_REFUSED"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Not a CORS refusal");
  }

  static Stream<Arguments> firefoxMessages() {
    return Stream.of(
        Arguments.of(
            FirefoxMessage.CORS_MISSING_ALLOW_ORIGIN, "200", CorsError.MISSING_ALLOW_ORIGIN_HEADER),
        Arguments.of(
            FirefoxMessage.CORS_MULTIPLE_ALLOW_ORIGIN_NOT_ALLOWED,
            null,
            CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES),
        Arguments.of(
            FirefoxMessage.CORS_ALLOW_ORIGIN_NOT_MATCHING_ORIGIN,
            "http://127.0.0.1:5173",
            CorsError.ALLOW_ORIGIN_MISMATCH),
        Arguments.of(
            FirefoxMessage.CORS_NOT_SUPPORTING_CREDENTIALS,
            null,
            CorsError.WILDCARD_ORIGIN_NOT_ALLOWED),
        Arguments.of(
            FirefoxMessage.CORS_METHOD_NOT_FOUND,
            null,
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            FirefoxMessage.CORS_MISSING_ALLOW_CREDENTIALS,
            null,
            CorsError.INVALID_ALLOW_CREDENTIALS),
        Arguments.of(
            FirefoxMessage.CORS_PREFLIGHT_DID_NOT_SUCCEED,
            "404",
            CorsError.PREFLIGHT_INVALID_STATUS),
        Arguments.of(
            FirefoxMessage.CORS_INVALID_ALLOW_METHOD,
            "GET PUT",
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE),
        Arguments.of(
            FirefoxMessage.CORS_INVALID_ALLOW_HEADER,
            "a;b",
            CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE),
        Arguments.of(
            FirefoxMessage.CORS_MISSING_ALLOW_HEADER_FROM_PREFLIGHT,
            "x-api-key",
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            FirefoxMessage.CORS_EXTERNAL_REDIRECT_NOT_ALLOWED,
            null,
            CorsError.PREFLIGHT_DISALLOWED_REDIRECT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firefoxMessages")
  void everyFirefoxRefusalIsRecognised(FirefoxMessage m, String param, CorsError error) {
    ExplainCommand.Parsed p = ExplainCommand.parse(m.format("http://127.0.0.1:3000/api", param));
    assertThat(p.error()).isEqualTo(error);
    assertThat(p.engine()).isEqualTo(Engine.FIREFOX);
    assertThat(p.key()).isEqualTo(m.key);
    assertThat(p.url()).isEqualTo("http://127.0.0.1:3000/api");
  }

  static Stream<Arguments> safariMessages() {
    return Stream.of(
        Arguments.of(
            "Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status"
                + " code: 200",
            CorsError.ALLOW_ORIGIN_MISMATCH),
        Arguments.of(
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.",
            CorsError.WILDCARD_ORIGIN_NOT_ALLOWED),
        Arguments.of(
            "Access-Control-Allow-Origin cannot contain more than one origin.",
            CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES),
        Arguments.of(
            "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".",
            CorsError.INVALID_ALLOW_CREDENTIALS),
        Arguments.of(
            "Preflight response is not successful. Status code: 404",
            CorsError.PREFLIGHT_INVALID_STATUS),
        Arguments.of(
            "Preflight response is not successful", CorsError.PREFLIGHT_DISALLOWED_REDIRECT),
        Arguments.of(
            "Header Access-Control-Allow-Methods has an invalid value: GET PUT",
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE),
        Arguments.of(
            "Method PUT is not allowed by Access-Control-Allow-Methods.",
            CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            "Request header field X-Api-Key is not allowed by Access-Control-Allow-Headers.",
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE),
        Arguments.of(
            "Cross-origin redirection to http://b/x denied by Cross-Origin Resource Sharing"
                + " policy: Origin null is not allowed by Access-Control-Allow-Origin. Status code:"
                + " 302",
            CorsError.ALLOW_ORIGIN_MISMATCH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("safariMessages")
  void bothOfSafarisLinesAreRecognised(String reason, CorsError error) {
    String pasted =
        "[Error] "
            + reason
            + "\n[Error] Fetch API cannot load http://127.0.0.1:3000/api due to access control"
            + " checks.";
    ExplainCommand.Parsed p = ExplainCommand.parse(pasted);
    assertThat(p.error()).isEqualTo(error);
    assertThat(p.engine()).isEqualTo(Engine.SAFARI);
    assertThat(p.url()).isEqualTo("http://127.0.0.1:3000/api");
  }

  static String explain(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ExplainCommand.run(
            List.of(text), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void safarisOriginLineListsItsCausesThenTheCheckThatTellsThemApart() {
    String text =
        explain(
            "Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status"
                + " code: 401\nFetch API cannot load http://127.0.0.1:3000/api due to access"
                + " control checks.");
    assertThat(text)
        .contains("Safari words several causes the same way")
        .contains("no Access-Control-Allow-Origin at all")
        .contains("names another origin")
        .contains("not an origin at all")
        .contains("it was the call itself, not its preflight")
        .doesNotContain("it was the preflight's answer")
        .contains("The response is an error (401)")
        .contains(
            "corsair check 'http://127.0.0.1:3000/api' --origin http://localhost:5173 --browser"
                + " safari");
    assertThat(text.indexOf("no Access-Control-Allow-Origin at all"))
        .isLessThan(text.indexOf("corsair check"));
  }

  @Test
  void safarisOriginLineWith2xxMayBeThePreflight() {
    String text =
        explain(
            "Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status"
                + " code: 204");
    assertThat(text)
        .contains(
            "(Safari: \"Origin ... is not allowed by Access-Control-Allow-Origin. Status"
                + " code: ...\")")
        .contains("it was the preflight's answer");
  }

  @Test
  void safarisSecondLineAloneSaysTheReasonIsTheLineBefore() {
    String text =
        explain("Fetch API cannot load http://127.0.0.1:3000/api due to access control checks.");
    assertThat(text)
        .contains("the reason is on the line before")
        .contains(
            "corsair check 'http://127.0.0.1:3000/api' --origin PAGE_ORIGIN --browser safari");
  }

  @Test
  void firefoxMessagesSuggestACheckWithFirefox() {
    String text =
        explain(
            FirefoxMessage.CORS_ALLOW_ORIGIN_NOT_MATCHING_ORIGIN.format(
                "http://127.0.0.1:3000/api", "http://127.0.0.1:5173"));
    assertThat(text)
        .contains("Firefox: CORSAllowOriginNotMatchingOrigin")
        .contains("--origin PAGE_ORIGIN --browser firefox");
  }

  @Test
  void firefoxDidNotSucceedPointsAtTheReasonBeforeIt() {
    String text =
        explain(FirefoxMessage.CORS_DID_NOT_SUCCEED.format("http://127.0.0.1:3000/api", "(null)"));
    assertThat(text)
        .contains("CORSDidNotSucceed2")
        .contains("right after another CORS error for the same URL");
  }
}
