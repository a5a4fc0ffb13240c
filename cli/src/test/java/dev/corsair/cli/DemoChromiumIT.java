package dev.corsair.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corsair.testkit.Chromium;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The demo page, in real headless Chromium: the allowed call succeeds and the blocked call fails.
 */
class DemoChromiumIT {

  @Test
  void demoPageSeesTheAllowedCallSucceedAndTheBlockedCallFail() throws Exception {
    assumeTrue(
        Chromium.available(),
        "needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
    try (Demo demo = Demo.start(0, 0);
        Chromium chromium = Chromium.start()) {
      chromium.open(demo.pageUrl() + "/");
      Object done =
          chromium.run(
              "for (let i = 0; i < 100 && document.body.dataset.done !== 'true'; i++) await new Promise(r => setTimeout(r, 50));"
                  + "return document.body.dataset.done;");
      assertThat(done).isEqualTo("true");
      var allowed = chromium.driver().findElement(By.id("allowed"));
      var blocked = chromium.driver().findElement(By.id("blocked"));
      assertThat(allowed.getAttribute("data-result")).isEqualTo("allowed");
      assertThat(allowed.getText())
          .contains("hello from the API")
          .contains("X-Request-Id (exposed): ")
          .doesNotContain("null");
      assertThat(blocked.getAttribute("data-result")).isEqualTo("blocked");
      List<LogEntry> logs = chromium.driver().manage().logs().get(LogType.BROWSER).getAll();
      String console = logs.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"));
      assertThat(console)
          .contains("has been blocked by CORS policy")
          // corsair refuses a preflight with 403 and no Access-Control-Allow-* header, so Chromium
          // reports the missing origin header; the reason (x-api-key) is in corsair's log.
          .contains(
              "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present");
    }
  }
}
