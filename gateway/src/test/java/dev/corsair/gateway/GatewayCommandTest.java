package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad command lines and configurations stop the gateway with status 2 before it listens. */
class GatewayCommandTest {
  @TempDir static Path dir;

  static Stream<Arguments> refusals() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"), "policies:\n  - allowed-origins: [\"localhost:5173\"]\n");
    Path typo =
        Files.writeString(
            dir.resolve("typo.yaml"), "policies:\n  - alowed-origins: https://a.example\n");
    Path notYaml = Files.writeString(dir.resolve("broken.yaml"), "policies: [\n");
    Path bareStar =
        Files.writeString(dir.resolve("star.yaml"), "policies:\n  - allowed-origins: *\n");
    Map<String, String> ok = Map.of("CORS_ALLOWED_ORIGINS", "https://a.example");
    return Stream.of(
        Arguments.of("no upstream", List.of(), ok, "--upstream is required"),
        Arguments.of(
            "upstream without scheme", List.of("--upstream", "localhost:3000"), ok, "http://"),
        Arguments.of(
            "upstream with another scheme",
            List.of("--upstream", "ftp://127.0.0.1:3000"),
            ok,
            "e.g. http://127.0.0.1:3000"),
        Arguments.of(
            "unknown option last",
            List.of("--upstream", "http://127.0.0.1:1", "--frobnicate"),
            ok,
            "unknown option '--frobnicate'"),
        Arguments.of(
            "bare * in the file",
            List.of("--upstream", "http://127.0.0.1:1", "--config", bareStar.toString()),
            Map.of(),
            "quote it, as in allowed-origins: '*'"),
        Arguments.of(
            "bad listen port",
            List.of("--upstream", "http://127.0.0.1:1", "--listen", "99999"),
            ok,
            "--listen 99999"),
        Arguments.of(
            "bad timeout",
            List.of("--upstream", "http://127.0.0.1:1", "--upstream-timeout", "soon"),
            ok,
            "--upstream-timeout soon"),
        Arguments.of(
            "unknown option",
            List.of("--upstream", "http://127.0.0.1:1", "--frobnicate", "1"),
            ok,
            "unknown option '--frobnicate'"),
        Arguments.of(
            "missing CA file",
            List.of("--upstream", "https://127.0.0.1:1", "--upstream-ca", "/nonexistent.pem"),
            ok,
            "--upstream-ca /nonexistent.pem"),
        Arguments.of(
            "no origins at all",
            List.of("--upstream", "http://127.0.0.1:1"),
            Map.of(),
            "CORS_ALLOWED_ORIGINS"),
        Arguments.of(
            "wildcard with credentials",
            List.of("--upstream", "http://127.0.0.1:1"),
            Map.of("CORS_ALLOWED_ORIGINS", "*", "CORS_ALLOW_CREDENTIALS", "true"),
            "CORS_ALLOWED_ORIGINS"),
        Arguments.of(
            "origin without scheme in the file",
            List.of("--upstream", "http://127.0.0.1:1", "--config", bad.toString()),
            Map.of(),
            "bad.yaml policies[0].allowed-origins"),
        Arguments.of(
            "misspelt key in the file",
            List.of("--upstream", "http://127.0.0.1:1", "--config", typo.toString()),
            Map.of(),
            "did you mean allowed-origins"),
        Arguments.of(
            "file that is not YAML",
            List.of("--upstream", "http://127.0.0.1:1", "--config", notYaml.toString()),
            Map.of(),
            "not valid YAML"),
        Arguments.of(
            "missing file",
            List.of("--upstream", "http://127.0.0.1:1", "--config", "/nonexistent.yaml"),
            Map.of(),
            "cannot read"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void badConfigurationExitsWith2AndSaysWhy(
      String name, List<String> args, Map<String, String> env, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        GatewayCommand.run(
            args,
            env,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
  }

  @Test
  void environmentOverridesEverySettingItNamesInTheFile() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("two.yaml"),
            String.join(
                "\n",
                "policies:",
                "  - paths: /api/**",
                "    allowed-origins: [https://app.example.com]",
                "    max-age: 600",
                "  - paths: [/public/*]",
                "    allowed-origins: '*'",
                ""));
    PolicyConfig.Loaded plain = PolicyConfig.load(f, Map.of());
    assertThat(plain.engine().policies()).hasSize(2);
    assertThat(plain.engine().policies().get(0).maxAgeSeconds()).isEqualTo(600);
    assertThat(plain.engine().policies().get(1).allowsAnyOrigin()).isTrue();
    PolicyConfig.Loaded overridden =
        PolicyConfig.load(f, Map.of("CORS_MAX_AGE", "60", "HOME", "/root"));
    assertThat(overridden.engine().policies())
        .allSatisfy(p -> assertThat(p.maxAgeSeconds()).isEqualTo(60));
    assertThat(overridden.engine().policies().get(0).paths()).containsExactly("/api/**");
  }
}
