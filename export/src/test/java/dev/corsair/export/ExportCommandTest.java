package dev.corsair.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportCommandTest {
  static final Map<String, String> OK = Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com");

  record Result(int status, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ExportCommand.run(
            List.of(args),
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] args(String engine, String... more) {
    List<String> a = new ArrayList<>(List.of(engine, "--upstream", "http://127.0.0.1:3000"));
    a.addAll(List.of("--listen", "127.0.0.1:8080", "--prefix", "/srv/edge"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "haproxy", "caddy", "apache"})
  void invalidPolicyExits2WithTheGatewaysMessages(String engine) {
    Result r =
        run(
            Map.of(
                "CORS_ALLOWED_ORIGINS",
                "http://localhost:5173/,*",
                "CORS_ALLOW_CREDENTIALS",
                "true"),
            args(engine));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("invalid CORS configuration (2 problems)")
        .contains("has a trailing slash")
        .contains("together with CORS_ALLOW_CREDENTIALS=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "haproxy", "caddy", "apache"})
  void warningsGoToStderrAndTheConfigurationToStdout(String engine) {
    Result r =
        run(
            Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com", "CORS_MAX_AGE", "9000"),
            args(engine));
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("warning").contains("CORS_MAX_AGE");
    assertThat(r.out()).contains("9000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "haproxy", "caddy", "apache"})
  void theFileNamesTheEngineVersionsListensOnlyOnListenAndWritesOnlyUnderThePrefix(String engine) {
    Result r = run(OK, args(engine));
    assertThat(r.status()).isZero();
    Map<String, List<String>> expected =
        Map.of(
            "nginx", List.of("nginx 1.22", "listen 127.0.0.1:8080;", "\"/srv/edge/nginx.pid\""),
            "haproxy", List.of("HAProxy 2.6", "bind 127.0.0.1:8080", "\"/srv/edge/haproxy.pid\""),
            "caddy", List.of("Caddy 2.6", "http://:8080 {", "`/srv/edge/caddy`"),
            "apache", List.of("Apache 2.4", "Listen 127.0.0.1:8080", "\"/srv/edge/apache2.pid\""));
    List<String> e = expected.get(engine);
    assertThat(r.out().lines().filter(l -> l.startsWith("# Targets ")))
        .singleElement()
        .asString()
        .contains(e.get(0));
    List<String> directives = r.out().lines().filter(l -> !l.trim().startsWith("#")).toList();
    assertThat(directives).noneMatch(l -> l.contains("daemon") || l.trim().startsWith("user "));
    assertThat(
            directives.stream()
                .filter(l -> l.trim().matches("(?i)(listen|bind|http://).*"))
                .map(String::trim))
        .containsExactly(
            engine.equals("caddy")
                ? new String[] {e.get(1), "bind 127.0.0.1"}
                : new String[] {e.get(1)});
    assertThat(directives).noneMatch(l -> l.contains("/var/") || l.contains("/run/"));
    assertThat(r.out()).contains(e.get(2));
    if (engine.equals("caddy")) {
      assertThat(directives).contains("\tadmin off");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "teapot --upstream http://127.0.0.1:3000 --listen 8080 | unknown engine 'teapot'",
        "nginx --listen 8080 | --upstream is required",
        "nginx --upstream http://127.0.0.1:3000 | --listen is required",
        "nginx --upstream https://api.example.com --listen 8080 | plain http:// upstreams only",
        "nginx --upstream 127.0.0.1:3000 --listen 8080 | use e.g. http://127.0.0.1:3000",
        "nginx --upstream http://127.0.0.1:3000 --listen 99999 | not a [HOST:]PORT",
        "haproxy --upstream http://127.0.0.1:3000 --listen 8080 --snippet | export the whole file",
        "nginx --upstream http://127.0.0.1:3000 --listen 8080 --bogus x | unknown option '--bogus'",
      })
  void badArgumentsExit2SayingWhatToWrite(String line, String message) {
    Result r = run(OK, line.trim().split(" "));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }
}
