package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.corsair.tools.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agreement suite for an engine driven through the self-driving page: every scenario of {@link
 * AgreementIT#scenarios()} runs in the real browser and through {@code corsair check --browser
 * ENGINE}; the verdict, the requests the servers received and the engine's console message must be
 * the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageAgreement {
  private ScenarioServer server;
  private PageBrowser browser;
  private final AtomicInteger counter = new AtomicInteger();

  /** The engine's message names (Firefox's keys, WebKit's table names) the browser printed. */
  private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  abstract Engine engine();

  abstract boolean available();

  abstract PageBrowser start(String url) throws Exception;

  /** The messages of the engine's table that the scenarios must make the browser print. */
  abstract java.util.Set<String> reachable();

  @BeforeAll
  void startBrowser() throws Exception {
    assumeTrue(available(), engine().displayName + " is not installed (see .ci/run)");
    server = new ScenarioServer();
    server.setVars(AgreementIT.vars(server));
    browser = start("http://localhost:" + server.portA() + "/drive");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (counter.get() == AgreementIT.scenarios().count()) {
      // The whole table ran: every reachable message was printed by the browser at least once,
      // and explain read each back.
      assertThat(seen).as(engine().displayName + " messages seen").containsAll(reachable());
    }
  }

  private void see(String message) {
    if (message == null) {
      return;
    }
    if (message.contains("(Reason: CORS request did not succeed)")) {
      seen.add(FirefoxMessage.CORS_DID_NOT_SUCCEED.key);
    }
    ExplainCommand.Parsed p = ExplainCommand.parse(message);
    if (p != null && p.key() != null) {
      seen.add(p.key());
      if (p.redirectedTo() != null) {
        seen.add(WebKitMessage.REDIRECT_DENIED.name());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.corsair.check.AgreementIT#scenarios")
  void browserAndCheckAgree(Scenario sc) throws Exception {
    String id = "t" + counter.incrementAndGet();
    server.script(id, sc.script);
    String url = AgreementIT.expand(server, sc.target) + "/s/" + id + "/res";
    String page = "http://localhost:" + server.portA();

    PageBrowser.Observed seen =
        browser.fetch(server, id, command(id, url, sc), counter.get() == 1 ? 90 : 30);
    String browserMessage =
        seen.allowed() ? null : PageBrowser.message(engine(), id, seen.console());
    List<String> browserHits = AgreementIT.summary(server.take(id));
    see(browserMessage);

    List<String> args = AgreementIT.checkArgs(url, page, sc);
    args.add("--browser");
    args.add(engine().id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CheckCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    List<String> checkHits = AgreementIT.summary(server.take(id));
    String checkMessage = null;
    String[] printedLines = printed.split("\n");
    if (status == 1 && printedLines.length > 2) {
      checkMessage = printedLines[2].trim();
    }
    String context =
        engine().displayName
            + ": "
            + seen.result()
            + "\nconsole:\n  "
            + String.join("\n  ", seen.console())
            + "\ncheck output:\n"
            + printed
            + err;
    assertThat(status).as(context).isIn(0, 1);
    assertThat(status == 0).as("verdict; " + context).isEqualTo(seen.allowed());
    assertThat(checkHits).as("requests received; " + context).isEqualTo(browserHits);
    assertThat(checkMessage).as("console message; " + context).isEqualTo(browserMessage);
  }

  private static String command(String id, String url, Scenario sc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("url", url);
    m.put("method", sc.method);
    List<Object> headers = new ArrayList<>();
    for (String[] h : sc.headers) {
      headers.add(new ArrayList<Object>(List.of(h[0], h[1])));
    }
    m.put("headers", headers);
    m.put("credentials", sc.credentials ? "include" : "same-origin");
    return Json.write(m);
  }
}
