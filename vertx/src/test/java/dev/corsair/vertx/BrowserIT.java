package dev.corsair.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.CorsEngine;
import dev.corsair.testkit.Chromium;
import dev.corsair.testkit.PageCalls;
import dev.corsair.testkit.PageCalls.Call;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Headless Chromium on a page at {@code http://127.0.0.1:P1} calls a Vert.x Web API at {@code
 * http://127.0.0.1:P2} (another origin) and the test asserts what the page's JavaScript could read:
 * status, body and the exposed header, or a blocked fetch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {
  private PageCalls page;
  private VertxServer api;

  static final List<Call> CALLS = PageCalls.calls("router", "Resource not found");

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "Chromium and chromedriver are not installed");
    page = PageCalls.serve();
    CorsEngine engine = PageCalls.engine(page.origin());
    api =
        VertxServer.start(
            router -> {
              router.route().handler(CorsHandler.of(engine));
              router
                  .get("/api/items")
                  .handler(ctx -> ctx.response().putHeader("X-Total-Count", "42").end("items"));
              router
                  .put("/api/items")
                  .handler(ctx -> ctx.response().putHeader("X-Total-Count", "42").end("put"));
              router
                  .get("/api/throw")
                  .handler(
                      ctx -> {
                        throw new IllegalStateException("boom");
                      });
              router.get("/other/items").handler(ctx -> ctx.response().end("other"));
            });
    page.open();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CALLS")
  void pageReadsWhatThePolicyAllows(Call c) {
    PageCalls.Read got = page.read(c, api.base);
    if (c.status() == 0) {
      assertThat(got.status()).as("the fetch is blocked: " + got.raw()).isEqualTo("blocked");
      return;
    }
    assertThat(got.status())
        .as("status the page reads (" + got.raw() + ")")
        .isEqualTo(String.valueOf(c.status()));
    assertThat(got.total()).as("X-Total-Count the page reads").isEqualTo(c.total());
    assertThat(got.body()).as("body the page reads").contains(c.body());
  }

  @AfterAll
  void stop() throws Exception {
    if (page != null) {
      page.close();
    }
    if (api != null) {
      api.close();
    }
  }
}
