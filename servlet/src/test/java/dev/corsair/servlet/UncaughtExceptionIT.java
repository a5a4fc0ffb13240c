package dev.corsair.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsPolicy;
import dev.corsair.servlet.Container.Kind;
import dev.corsair.servlet.Container.Webapp;
import dev.corsair.testkit.CaseRunner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An uncaught exception reaches the client as a 500 that carries the CORS headers in every
 * container, with a global error page, with only an exception-type error page (which must still
 * render), and with no error page at all (Undertow would otherwise clear the headers), under a
 * policy with credentials and under an any-origin policy.
 */
class UncaughtExceptionIT {
  static final String APP_ORIGIN = "https://app.example.com";
  static final String EVIL = "https://evil.example.net";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** How the web application handles errors. */
  enum Pages {
    GLOBAL_ERROR_PAGE(UnaryOperator.identity()),
    EXCEPTION_TYPE_PAGE(w -> w.withExceptionPageOnly(App.Boom.class)),
    NO_ERROR_PAGE(Webapp::withoutErrorPage);

    final UnaryOperator<Webapp> configure;

    Pages(UnaryOperator<Webapp> configure) {
      this.configure = configure;
    }
  }

  /** The policy, and what an allowed, a refused and an absent origin must get. */
  enum Policy {
    CREDENTIALS(
        CorsPolicy.builder()
            .allowedOrigins(APP_ORIGIN)
            .allowCredentials(true)
            .exposedHeaders(App.TOTAL)
            .build()),
    ANY_ORIGIN(CorsPolicy.builder().allowedOrigins("*").exposedHeaders(App.TOTAL).build());

    final CorsPolicy policy;

    Policy(CorsPolicy policy) {
      this.policy = policy;
    }
  }

  static Stream<Arguments> setups() {
    return Stream.of(Kind.values())
        .flatMap(
            k ->
                Stream.of(Pages.values())
                    .flatMap(p -> Stream.of(Policy.values()).map(c -> Arguments.of(k, p, c))));
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("setups")
  void uncaughtExceptionIsA500WithTheCorsHeaders(Kind kind, Pages pages, Policy policy)
      throws Exception {
    try (Container c =
        kind.start(pages.configure.apply(Webapp.of(new CorsFilter(policy.policy))))) {
      for (String method : List.of("GET", "PUT")) {
        HttpResponse<String> allowed = send(c, method, APP_ORIGIN);
        HttpResponse<String> refused = send(c, method, EVIL);
        HttpResponse<String> absent = send(c, method, null);
        for (HttpResponse<String> r : List.of(allowed, refused, absent)) {
          assertThat(r.statusCode()).as(method + " status").isEqualTo(500);
          if (pages != Pages.NO_ERROR_PAGE && method.equals("GET")) {
            assertThat(r.body()).as("the error page rendered").contains("from the error page");
          }
        }
        // Jetty removes Vary with the other content headers when it renders an error itself (no
        // error page, or a method other than GET and POST); the Access-Control-* headers stay.
        boolean jettyDropsVary =
            kind == Kind.JETTY && (pages == Pages.NO_ERROR_PAGE || !method.equals("GET"));
        if (policy == Policy.CREDENTIALS) {
          assertThat(allowed.headers().allValues("Access-Control-Allow-Origin"))
              .as(method + " allowed: Access-Control-Allow-Origin")
              .containsExactly(APP_ORIGIN);
          assertThat(allowed.headers().allValues("Access-Control-Allow-Credentials"))
              .as(method + " allowed: Access-Control-Allow-Credentials")
              .containsExactly("true");
          assertThat(allowed.headers().allValues("Access-Control-Expose-Headers"))
              .as(method + " allowed: Access-Control-Expose-Headers")
              .containsExactly(App.TOTAL);
          for (HttpResponse<String> r : List.of(allowed, refused, absent)) {
            if (!jettyDropsVary) {
              assertThat(CaseRunner.varyNames(r)).as(method + " Vary").containsOnlyOnce("origin");
            }
          }
          for (HttpResponse<String> r : List.of(refused, absent)) {
            assertThat(corsHeaders(r)).as(method + " refused or absent origin").isEmpty();
          }
        } else {
          for (HttpResponse<String> r : List.of(allowed, refused)) {
            assertThat(r.headers().allValues("Access-Control-Allow-Origin"))
                .as(method + " any origin: Access-Control-Allow-Origin")
                .containsExactly("*");
            assertThat(r.headers().allValues("Access-Control-Expose-Headers"))
                .as(method + " any origin: Access-Control-Expose-Headers")
                .containsExactly(App.TOTAL);
          }
          assertThat(corsHeaders(absent)).as(method + " absent origin").isEmpty();
        }
      }
    }
  }

  private static List<String> corsHeaders(HttpResponse<String> r) {
    return r.headers().map().keySet().stream()
        .filter(h -> h.regionMatches(true, 0, "Access-Control-", 0, 15))
        .toList();
  }

  private static HttpResponse<String> send(Container c, String method, String origin)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(c.uri("/api/items?do=throw"))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
