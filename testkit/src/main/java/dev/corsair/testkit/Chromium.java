package dev.corsair.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver: the ground truth of
 * what a browser allows. Never downloads a browser. Close it to stop Chromium and delete its
 * profile.
 */
public final class Chromium implements AutoCloseable {
  public static final String BINARY = System.getProperty("corsair.chromium", "/usr/bin/chromium");
  public static final String DRIVER =
      System.getProperty("corsair.chromedriver", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether Chromium and chromedriver are installed where Debian puts them. */
  public static boolean available() {
    return new File(BINARY).canExecute() && new File(DRIVER).canExecute();
  }

  /** Starts a fresh headless Chromium with its own empty profile and browser console logging on. */
  public static Chromium start() {
    try {
      Path profile = Files.createTempDirectory("corsair-chromium-");
      ChromeOptions o = new ChromeOptions();
      o.setBinary(BINARY);
      o.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--disable-extensions",
          "--user-data-dir=" + profile);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
      o.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(DRIVER))
              .usingAnyFreePort()
              .build();
      ChromeDriver d = new ChromeDriver(service, o);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      return new Chromium(d, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens {@code url} and waits for the page to load. */
  public void open(String url) {
    driver.get(url);
  }

  /**
   * Runs {@code script} as an async function body in the current page (it must {@code return} a
   * value, possibly a promise) and returns what it resolved to.
   */
  public Object run(String script) {
    return driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "(async () => {"
            + script
            + "})().then(done, e => done('error: ' + e));");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort: the profile is in the temp directory
      }
    }
  }
}
