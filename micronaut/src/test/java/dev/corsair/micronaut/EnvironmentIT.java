package dev.corsair.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.testkit.CaseRunner;
import dev.corsair.testkit.Loopback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code CORS_*} environment variables configure the filter, as the README says. */
class EnvironmentIT {
  @Test
  void environmentVariablesAreTheCorsSettings() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            EnvironmentApp.class.getName());
    pb.environment().put("CORS_ALLOWED_ORIGINS", "https://app.example.com");
    pb.environment().put("CORS_EXPOSED_HEADERS", "X-Total-Count");
    pb.redirectErrorStream(true);
    Process app = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String port = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("port ")) {
          port = line.substring(5);
          break;
        }
      }
      assertThat(port).as("the application started and printed its port").isNotNull();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + Loopback.HOST + ":" + port + "/api/items"))
                      .timeout(Duration.ofSeconds(20))
                      .header("Origin", "https://app.example.com")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
          .containsExactly("https://app.example.com");
      assertThat(r.headers().allValues("Access-Control-Expose-Headers"))
          .containsExactly("X-Total-Count");
      assertThat(CaseRunner.varyNames(r)).contains("origin");
    } finally {
      app.getOutputStream().close();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }
}
