package dev.corsair.micronaut;

import dev.corsair.CorsEngine;
import dev.corsair.testkit.PageCalls;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;

/**
 * The browser test's application, with its own {@link CorsEngine} bean (one policy per path prefix)
 * instead of {@code cors.*} settings.
 */
@Controller
@Consumes(MediaType.ALL)
@Requires(property = "test.app", value = "browser")
class BrowserApp {
  @Get(value = "/api/items", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> items() {
    return HttpResponse.ok("items").header("X-Total-Count", "42");
  }

  @Put(value = "/api/items", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> put() {
    return HttpResponse.ok("put").header("X-Total-Count", "42");
  }

  @Get("/api/throw")
  String fail() {
    throw new IllegalStateException("boom");
  }

  @Get(value = "/other/items", produces = MediaType.TEXT_PLAIN)
  String other() {
    return "other";
  }

  /** The application's own engine: the page's origin everywhere but {@code /other}. */
  @Factory
  @Requires(property = "test.app", value = "browser")
  static class Engine {
    @Bean
    CorsEngine engine(@Value("${test.page}") String page) {
      return PageCalls.engine(page);
    }
  }
}
