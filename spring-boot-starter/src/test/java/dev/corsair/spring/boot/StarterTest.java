package dev.corsair.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StarterTest {
  private static String resource(String name) throws IOException {
    try (InputStream in = StarterTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void metadataDocumentsExactlyTheSettingKeys() throws IOException {
    String json = resource("META-INF/spring-configuration-metadata.json");
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\"name\": \"(cors\\.[a-z-]+)\",\\s*\"type\"").matcher(json);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).containsExactlyElementsOf(CorsSettings.KEYS);
  }

  @Test
  void everyKeyIsASettingOfTheCore() {
    Properties p = new Properties();
    CorsSettings.KEYS.forEach(k -> p.setProperty(k, ""));
    p.setProperty("cors.allowed-origins", "https://app.example.com");
    p.setProperty("cors.allow-credentials", "false");
    p.setProperty("cors.allow-private-network", "false");
    p.setProperty("cors.preflight-status", "204");
    p.setProperty("cors.paths", "/**");
    p.setProperty("cors.log-window", "60");
    p.setProperty("cors.log-level", "info");
    assertThat(CorsPolicy.fromProperties(p).allowedOrigins())
        .containsExactly("https://app.example.com");
  }

  @Test
  void failureAnalysisCarriesEveryProblemAndTheAction() {
    CorsConfigException e =
        (CorsConfigException)
            catchThrowable(
                () ->
                    CorsPolicy.builder()
                        .set("CORS_ALLOWED_ORIGINS", "localhost:5173,*")
                        .set("CORS_ALLOW_CREDENTIALS", "true")
                        .build());
    FailureAnalysis a =
        new CorsConfigFailureAnalyzer().analyze(new IllegalStateException("wrapped", e));
    assertThat(a.getDescription())
        .contains("CORS_ALLOWED_ORIGINS", "'localhost:5173'", "CORS_ALLOW_CREDENTIALS");
    assertThat(a.getAction()).contains("application.properties", "CORS_ALLOWED_ORIGINS");
  }

  @Test
  void reportNamesEverySpringCorsSourceOnce() {
    assertThat(SpringCorsReport.message(List.of())).isNull();
    assertThat(SpringCorsReport.message(List.of("@CrossOrigin on A.b", "http.cors() in x")))
        .startsWith("corsair: Spring's own CORS configuration is also on: @CrossOrigin on A.b;")
        .contains("http.cors() in x");
    assertThat(SpringCorsReport.some(List.of("a", "b", "c", "d", "e"), 3))
        .isEqualTo("a, b, c and 2 more");
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
