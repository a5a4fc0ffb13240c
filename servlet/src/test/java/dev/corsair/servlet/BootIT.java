package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.testkit.Loopback;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A minimal Spring Boot 3 application on embedded Tomcat, with the filter registered exactly as the
 * README shows and Spring's own CORS ({@code @CrossOrigin}, a global mapping) also on: one set of
 * headers, corsair's, on normal responses, Boot's {@code /error} responses and preflights.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootIT {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ConfigurableApplicationContext boot;
  private URI base;

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {
    /** The README's registration. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsair() {
      CorsPolicy policy =
          CorsPolicy.builder()
              .allowedOrigins(SpringMvcIT.APP_ORIGIN)
              .exposedHeaders(App.TOTAL)
              .build();
      FilterRegistrationBean<CorsFilter> cors =
          new FilterRegistrationBean<>(new CorsFilter(policy));
      cors.setOrder(Ordered.HIGHEST_PRECEDENCE);
      cors.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
      cors.setAsyncSupported(true);
      cors.addUrlPatterns("/*");
      return cors;
    }

    @Bean
    SpringMvcIT.Items items() {
      return new SpringMvcIT.Items();
    }

    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer springCors() {
      return new SpringMvcIT.Web();
    }
  }

  @BeforeAll
  void start() {
    // Leave java.util.logging as the other suites in this JVM configured it.
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    boot =
        new SpringApplicationBuilder(Application.class)
            .properties(
                "server.port=0",
                "server.address=" + Loopback.HOST,
                "spring.main.banner-mode=off",
                "server.error.include-message=always")
            .run();
    int port = ((WebServerApplicationContext) boot).getWebServer().getPort();
    base = URI.create("http://" + Loopback.HOST + ":" + port);
  }

  static Stream<SpringMvcIT.Call> calls() {
    return SpringMvcIT.CALLS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void oneSetOfCorsHeadersCorsairs(SpringMvcIT.Call c) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(c.path()))
            .timeout(Duration.ofSeconds(10))
            .header("Origin", c.origin())
            .header("Accept", "text/html")
            .method(c.method(), HttpRequest.BodyPublishers.noBody());
    if (c.preflightMethod() != null) {
      b.header("Access-Control-Request-Method", c.preflightMethod());
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    SpringMvcIT.check(c, r);
    if (c.status() >= 400 && c.preflightMethod() == null && !c.name().contains("ResponseEntity")) {
      assertThat(r.body()).as("Boot's /error page").contains("Whitelabel Error Page");
    }
  }

  @AfterAll
  void stop() {
    if (boot != null) {
      boot.close();
    }
  }
}
