package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.servlet.Container.Kind;
import dev.corsair.servlet.Container.Webapp;
import dev.corsair.testkit.CaseRunner;
import jakarta.servlet.Servlet;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * corsair in front of a Spring MVC application (Spring's {@code DispatcherServlet} at {@code /}),
 * in each container, instead of Spring's CORS support, and together with it: where a controller
 * also has {@code @CrossOrigin} or a global {@code CorsRegistry} mapping, the response still
 * carries one set of headers, corsair's, and the filter logs a warning naming the other handler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringMvcIT {
  static final String APP_ORIGIN = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Map<Kind, Container> containers = new EnumMap<>(Kind.class);
  private final Map<Kind, CorsFilter> filters = new EnumMap<>(Kind.class);

  /** Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler. */
  private final Logger corsairLog = Logger.getLogger("dev.corsair.servlet");

  private final List<String> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (warnings) {
            warnings.add(r.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** The controllers: plain endpoints, and endpoints that also turn Spring's CORS support on. */
  @RestController
  static class Items {
    @GetMapping("/items")
    ResponseEntity<String> items() {
      return ResponseEntity.ok().header(App.TOTAL, "42").body("[\"plain\"]");
    }

    @GetMapping("/items/fail")
    String fail() {
      throw new IllegalStateException("the controller failed on purpose");
    }

    @GetMapping("/items/missing")
    ResponseEntity<String> missing() {
      return ResponseEntity.status(404).body("{\"error\":\"no such item\"}");
    }

    @CrossOrigin(origins = "*", exposedHeaders = "X-Spring", maxAge = 1)
    @GetMapping("/annotated")
    String annotated() {
      return "[\"annotated\"]";
    }

    @CrossOrigin(origins = "*")
    @PutMapping("/annotated")
    String put() {
      return "[\"put\"]";
    }

    @GetMapping("/global/items")
    String global() {
      return "[\"global\"]";
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Web implements WebMvcConfigurer {
    @Bean
    Items items() {
      return new Items();
    }

    /** Spring's global CORS configuration, also on: corsair must win. */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
      registry.addMapping("/global/**").allowedOriginPatterns("*").allowCredentials(true);
    }
  }

  /**
   * One request.
   *
   * @param name what it shows
   * @param method method
   * @param path path
   * @param origin the Origin sent
   * @param preflightMethod Access-Control-Request-Method, or null for an actual request
   * @param status expected status
   * @param acao the one Access-Control-Allow-Origin expected, or null for none
   */
  record Call(
      String name,
      String method,
      String path,
      String origin,
      String preflightMethod,
      int status,
      String acao) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Call> CALLS =
      List.of(
          new Call("plain controller", "GET", "/items", APP_ORIGIN, null, 200, APP_ORIGIN),
          new Call("plain controller, disallowed origin", "GET", "/items", EVIL, null, 200, null),
          new Call(
              "controller exception: error page",
              "GET",
              "/items/fail",
              APP_ORIGIN,
              null,
              500,
              APP_ORIGIN),
          new Call(
              "ResponseEntity 404", "GET", "/items/missing", APP_ORIGIN, null, 404, APP_ORIGIN),
          new Call(
              "no handler: Spring's 404", "GET", "/nothing", APP_ORIGIN, null, 404, APP_ORIGIN),
          new Call(
              "@CrossOrigin(*) too: corsair's origin, not *",
              "GET",
              "/annotated",
              APP_ORIGIN,
              null,
              200,
              APP_ORIGIN),
          new Call(
              "@CrossOrigin(*) too: disallowed origin gets nothing",
              "GET",
              "/annotated",
              EVIL,
              null,
              200,
              null),
          new Call(
              "@CrossOrigin preflight answered by corsair",
              "OPTIONS",
              "/annotated",
              APP_ORIGIN,
              "PUT",
              204,
              APP_ORIGIN),
          new Call(
              "@CrossOrigin preflight refused by corsair",
              "OPTIONS",
              "/annotated",
              EVIL,
              "PUT",
              403,
              null),
          new Call(
              "global CorsRegistry too: corsair's headers only",
              "GET",
              "/global/items",
              APP_ORIGIN,
              null,
              200,
              APP_ORIGIN),
          new Call(
              "global CorsRegistry too: disallowed origin gets nothing",
              "GET",
              "/global/items",
              EVIL,
              null,
              200,
              null));

  @BeforeAll
  void start() {
    corsairLog.addHandler(capture);
    CorsPolicy policy =
        CorsPolicy.builder().allowedOrigins(APP_ORIGIN).exposedHeaders(App.TOTAL).build();
    for (Kind k : Kind.values()) {
      AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
      spring.register(Web.class);
      Servlet dispatcher = new DispatcherServlet(spring);
      CorsFilter filter = new CorsFilter(policy);
      filters.put(k, filter);
      containers.put(
          k, k.start(new Webapp("", filter, Map.of(), Map.of("/", dispatcher), true, null)));
    }
  }

  static Stream<Arguments> calls() {
    return Stream.of(Kind.values()).flatMap(k -> CALLS.stream().map(c -> Arguments.of(k, c)));
  }

  @Order(2)
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("calls")
  void oneSetOfCorsHeadersCorsairs(Kind kind, Call c) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(containers.get(kind).uri(c.path()))
            .timeout(Duration.ofSeconds(10))
            .header("Origin", c.origin())
            .method(c.method(), HttpRequest.BodyPublishers.noBody());
    if (c.preflightMethod() != null) {
      b.header("Access-Control-Request-Method", c.preflightMethod());
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    check(c, r);
  }

  /** Exactly corsair's headers, once; none of Spring's. */
  static void check(Call c, HttpResponse<String> r) {
    assertThat(r.statusCode()).as("status").isEqualTo(c.status());
    List<String> acao = r.headers().allValues("Access-Control-Allow-Origin");
    if (c.acao() == null) {
      assertThat(acao).as("Access-Control-Allow-Origin").isEmpty();
      assertThat(r.headers().map().keySet())
          .as("no CORS header at all (Spring's are removed)")
          .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    } else {
      assertThat(acao).as("Access-Control-Allow-Origin").containsExactly(c.acao());
      assertThat(r.headers().allValues("Access-Control-Allow-Credentials"))
          .as("Spring's credentials")
          .isEmpty();
    }
    if (c.preflightMethod() == null) {
      assertThat(r.headers().allValues("Access-Control-Expose-Headers"))
          .as("only corsair's exposed headers, never Spring's X-Spring")
          .isEqualTo(c.acao() == null ? List.of() : List.of(App.TOTAL));
      assertThat(r.headers().allValues("Access-Control-Max-Age")).isEmpty();
    } else if (c.acao() != null) {
      assertThat(r.headers().allValues("Access-Control-Allow-Methods")).containsExactly("PUT");
      assertThat(r.headers().allValues("Access-Control-Max-Age"))
          .as("Spring's max-age 1 is not sent")
          .isEmpty();
    }
    List<String> vary = CaseRunner.varyNames(r);
    assertThat(vary).as("Vary").containsOnlyOnce("origin").doesNotHaveDuplicates();
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void springCorsAlsoOnIsDetectedAndWarned(Kind kind) throws Exception {
    synchronized (warnings) {
      warnings.clear();
    }
    assertThat(filters.get(kind).warnedForeign()).as("before Spring answered").isFalse();
    HttpRequest req =
        HttpRequest.newBuilder(containers.get(kind).uri("/annotated"))
            .header("Origin", EVIL)
            .GET()
            .build();
    HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    assertThat(filters.get(kind).warnedForeign()).as("after Spring added its own").isTrue();
    // Each container has its own filter, which warns once: this test runs first.
    synchronized (warnings) {
      assertThat(String.join("\n", warnings))
          .contains("Access-Control-Allow-Origin: *")
          .contains("Spring's @CrossOrigin");
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  @AfterAll
  void stop() {
    corsairLog.removeHandler(capture);
    containers.values().forEach(Container::close);
  }
}
