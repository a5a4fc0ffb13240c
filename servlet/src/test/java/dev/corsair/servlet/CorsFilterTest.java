package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.CorsConfigException;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The init-param configuration of {@link CorsFilter}: what deploys and what fails, and why. */
class CorsFilterTest {

  /** A filter's configuration as a container hands it over: a name and init-params. */
  record Config(Map<String, String> params) implements FilterConfig {
    @Override
    public String getFilterName() {
      return "cors";
    }

    @Override
    public ServletContext getServletContext() {
      return null;
    }

    @Override
    public String getInitParameter(String name) {
      return params.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
      return Collections.enumeration(params.keySet());
    }
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "origin without a scheme",
            Map.of("cors.allowed-origins", "localhost:5173"),
            "cors.allowed-origins",
            "localhost:5173"),
        Arguments.of(
            "origin with a trailing slash",
            Map.of("cors.allowed-origins", "http://localhost:5173/"),
            "cors.allowed-origins",
            "http://localhost:5173/"),
        Arguments.of(
            "* with credentials",
            Map.of("cors.allowed-origins", "*", "cors.allow-credentials", "true"),
            "cors.allowed-origins",
            "*"),
        Arguments.of(
            "max-age out of range",
            Map.of("cors.allowed-origins", "https://a.example", "cors.max-age", "90000"),
            "cors.max-age",
            "90000"),
        Arguments.of(
            "boolean that is not true or false",
            Map.of("cors.allowed-origins", "https://a.example", "cors.allow-credentials", "yes"),
            "cors.allow-credentials",
            "yes"),
        Arguments.of(
            "misspelt setting",
            Map.of("cors.allowed-origins", "https://a.example", "cors.allowed-origin", "x"),
            "cors.allowed-origin",
            "cors.allowed-origins"),
        Arguments.of("origins missing", Map.of(), "cors.allowed-origins", "cors.allowed-origins"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidInitParamFailsInitNamingSettingAndValue(
      String name, Map<String, String> params, String setting, String value) {
    assertThatThrownBy(() -> new CorsFilter().init(new Config(params)))
        .isInstanceOf(ServletException.class)
        .hasCauseInstanceOf(CorsConfigException.class)
        .hasMessageContaining(setting)
        .hasMessageContaining(value)
        .hasMessageContaining("corsair filter cors");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void policyGivenToTheConstructorIgnoresInitParams(
      String name, Map<String, String> params, String setting, String value) throws Exception {
    CorsFilter f =
        new CorsFilter(
            dev.corsair.CorsPolicy.builder().allowedOrigins("https://a.example").build());
    f.init(new Config(params));
    assertThat(f.engine().policies().get(0).allowedOrigins()).containsExactly("https://a.example");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validInitParamsDeploy(String name, Map<String, String> params) throws Exception {
    CorsFilter f = new CorsFilter();
    assertThat(f.engine()).as("before init").isNull();
    f.init(new Config(params));
    assertThat(f.engine().policies()).hasSize(1);
    assertThat(f.engine().policies().get(0).allowedOrigins())
        .containsExactly(params.get("cors.allowed-origins").split(", *"));
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("origins only", Map.of("cors.allowed-origins", "https://a.example")),
        Arguments.of(
            "every setting",
            Map.of(
                "cors.allowed-origins", "https://a.example, http://localhost:*",
                "cors.allowed-methods", "GET,PUT",
                "cors.allowed-headers", "Content-Type,Authorization",
                "cors.exposed-headers", "X-Total-Count",
                "cors.allow-credentials", "true",
                "cors.max-age", "600",
                "cors.allow-private-network", "true",
                "cors.preflight-status", "200",
                "cors.paths", "/api/**")),
        Arguments.of(
            "other init-params are not corsair's",
            Map.of("cors.allowed-origins", "*", "encoding", "utf-8")));
  }
}
