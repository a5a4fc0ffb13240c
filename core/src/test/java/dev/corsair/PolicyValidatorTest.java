package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each numeric rule is written once: the Java builder and the text form of a setting get the same
 * single problem, with the same message.
 */
class PolicyValidatorTest {

  private static CorsConfigException.Problem onlyProblem(Consumer<CorsPolicy.Builder> setting) {
    CorsPolicy.Builder b = CorsPolicy.builder().allowedOrigins("https://app.example.com");
    setting.accept(b);
    CorsConfigException e = catchThrowableOfType(CorsConfigException.class, b::build);
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @ParameterizedTest(name = "max-age {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "90000 | '90000' is out of range; use 0 to 86400 seconds (Chromium caps it at 7200)",
        "-1 | '-1' is out of range; use 0 to 86400 seconds (Chromium caps it at 7200)",
      })
  void maxAgeOutOfRangeIsOneProblemWhateverTheSource(int seconds, String message) {
    CorsConfigException.Problem fromJava = onlyProblem(b -> b.maxAge(seconds));
    CorsConfigException.Problem fromText =
        onlyProblem(b -> b.set("cors.max-age", String.valueOf(seconds)));
    assertThat(fromJava.message()).isEqualTo(message);
    assertThat(fromText).isEqualTo(fromJava);
  }

  @ParameterizedTest(name = "preflight status {0}")
  @CsvSource({"201", "404", "0"})
  void preflightStatusOtherThan200Or204IsOneProblemWhateverTheSource(int status) {
    CorsConfigException.Problem fromJava = onlyProblem(b -> b.preflightStatus(status));
    CorsConfigException.Problem fromText =
        onlyProblem(b -> b.set("cors.preflight-status", String.valueOf(status)));
    assertThat(fromJava.message())
        .isEqualTo("'" + status + "' is not a preflight status; use 204 (the default) or 200");
    assertThat(fromText).isEqualTo(fromJava);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cors.max-age | ten | 'ten' is not a whole number of seconds; use 0 to 86400, e.g. 600"
            + " (Chromium caps it at 7200)",
        "cors.preflight-status | ok | 'ok' is not a preflight status; use 204 (the default) or 200",
        "cors.allow-credentials | yes | 'yes' is not a boolean; use true or false",
      })
  void textThatIsNotANumberOrBooleanIsOneProblem(String name, String value, String message) {
    CorsConfigException.Problem p = onlyProblem(b -> b.set(name, value));
    assertThat(p.setting()).isEqualTo(name);
    assertThat(p.value()).isEqualTo(value);
    assertThat(p.message()).isEqualTo(message);
  }
}
