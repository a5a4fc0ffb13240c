package dev.corsair.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CorsSettingsTest {
  private static StandardEnvironment environment(
      Map<String, Object> properties, Map<String, Object> variables) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    env.getPropertySources().addFirst(new MapPropertySource("application", properties));
    return env;
  }

  @Test
  void yamlListsAreJoined() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("cors.allowed-origins[0]", "https://app.example.com");
    p.put("cors.allowed-origins[1]", "http://localhost:5173");
    CorsPolicy policy = CorsSettings.policy(environment(p, Map.of()));
    assertThat(policy.allowedOrigins())
        .containsExactly("https://app.example.com", "http://localhost:5173");
  }

  @Test
  void environmentVariablesBindAndAreNamedAsWritten() {
    StandardEnvironment env =
        environment(
            Map.of(),
            Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com", "CORS_MAX_AGE", "ten"));
    assertThat(CorsSettings.originsSet(env)).isTrue();
    assertThatThrownBy(() -> CorsSettings.policy(env))
        .isInstanceOf(CorsConfigException.class)
        .hasMessageContaining("CORS_MAX_AGE: 'ten'");
  }

  @Test
  void propertiesAreNamedByTheirKey() {
    assertThatThrownBy(
            () ->
                CorsSettings.policy(
                    environment(
                        Map.of("cors.allowed-origins", "https://a.example", "cors.max-age", "ten"),
                        Map.of())))
        .hasMessageContaining("cors.max-age: 'ten'");
  }

  @Test
  void emptyAllowedHeadersMeansSafelistedOnly() {
    CorsPolicy policy =
        CorsSettings.policy(
            environment(
                Map.of(),
                Map.of("CORS_ALLOWED_ORIGINS", "https://a.example", "CORS_ALLOWED_HEADERS", "")));
    assertThat(policy.allowedHeaders()).isEmpty();
  }

  @Test
  void unknownCorsPropertyIsAnErrorWithASuggestion() {
    assertThatThrownBy(
            () ->
                CorsSettings.policy(
                    environment(
                        Map.of(
                            "cors.allowed-origins", "https://a.example",
                            "cors.alow-credentials", "true"),
                        Map.of())))
        .hasMessageContaining("cors.alow-credentials")
        .hasMessageContaining("did you mean cors.allow-credentials?");
  }

  @Test
  void relaxedFormsOfKnownKeysAreNotUnknown() {
    assertThat(
            CorsSettings.unknownKeys(
                environment(
                    Map.of(
                        "cors.allowedOrigins", "https://a.example",
                        "cors.max-age", "60",
                        "cors.paths[0]", "/api/**"),
                    Map.of())))
        .isEmpty();
  }

  @Test
  void withoutOriginsNothingIsSet() {
    assertThat(CorsSettings.originsSet(environment(Map.of("cors.max-age", "60"), Map.of())))
        .isFalse();
  }
}
