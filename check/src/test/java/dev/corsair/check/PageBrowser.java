package dev.corsair.check;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real browser that opens the self-driving page ({@link ScenarioServer#DRIVE_PAGE}) and whose
 * console reaches us as output lines: Debian's firefox-esr through puppeteer-core over WebDriver
 * BiDi ({@code src/test/js/firefox-page.mjs}), or WebKitGTK's MiniBrowser under its own Xvfb (a
 * non-private MiniBrowser with {@code --enable-write-console-messages-to-stdout=true}, which prints
 * console messages on stderr; WebDriver's automation sessions are private and print none).
 */
final class PageBrowser implements AutoCloseable {
  static final String FIREFOX = System.getProperty("corsair.firefox", "/usr/bin/firefox-esr");
  static final String MINIBROWSER =
      System.getProperty(
          "corsair.minibrowser", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
  static final String XVFB = "/usr/bin/Xvfb";
  static final Path SCRIPTS = Path.of("src/test/js");

  /** What the page saw for one call: the fetch() outcome and the console lines it caused. */
  record Observed(String result, List<String> console) {
    boolean allowed() {
      return result.startsWith("ok");
    }
  }

  private final Engine engine;
  private final List<Process> processes;
  private final List<String> lines = new ArrayList<>();
  private final Path home;

  private PageBrowser(Engine engine, List<Process> processes, Path home) {
    this.engine = engine;
    this.processes = processes;
    this.home = home;
    Process browser = processes.get(processes.size() - 1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(l);
                    lines.notifyAll();
                  }
                }
              } catch (IOException ignored) {
                // the browser stopped
              }
            },
            engine.id + "-console");
    reader.setDaemon(true);
    reader.start();
  }

  static boolean firefoxAvailable() {
    return new File(FIREFOX).canExecute()
        && NodeModules.onPath("node")
        && NodeModules.ensure(SCRIPTS, "puppeteer-core");
  }

  static boolean webkitAvailable() {
    return new File(MINIBROWSER).canExecute() && new File(XVFB).canExecute();
  }

  /** Starts firefox-esr on {@code url} and waits until the page has loaded. */
  static PageBrowser firefox(String url) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("corsair-firefox-");
    ProcessBuilder pb =
        new ProcessBuilder("node", SCRIPTS.resolve("firefox-page.mjs").toString(), url)
            .redirectErrorStream(true);
    pb.environment().put("CORSAIR_FIREFOX", FIREFOX);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("MOZ_HEADLESS", "1");
    PageBrowser b = new PageBrowser(Engine.FIREFOX, List.of(pb.start()), home);
    b.await(l -> l.equals("READY"), 90);
    return b;
  }

  /** Starts Xvfb and a MiniBrowser on {@code url} with a fresh home (profile, cache). */
  static PageBrowser webkit(String url) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("corsair-webkit-");
    Process xvfb =
        new ProcessBuilder(XVFB, "-displayfd", "1", "-noreset", "-nolisten", "tcp")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String display;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))) {
      display = r.readLine();
    }
    if (display == null) {
      xvfb.destroy();
      throw new IOException("Xvfb did not start");
    }
    ProcessBuilder pb =
        new ProcessBuilder(MINIBROWSER, "--enable-write-console-messages-to-stdout=true", url)
            .redirectErrorStream(true);
    pb.environment().put("DISPLAY", ":" + display.trim());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    pb.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
    pb.environment().put("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    pb.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
    return new PageBrowser(Engine.SAFARI, List.of(xvfb, pb.start()), home);
  }

  /** Runs one call through the page and collects the console lines it logged. */
  Observed fetch(ScenarioServer server, String id, String command, int firstTimeoutSeconds)
      throws InterruptedException {
    int from;
    synchronized (lines) {
      from = lines.size();
    }
    server.commands.add(command);
    String result = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(firstTimeoutSeconds);
    while (result == null && System.nanoTime() < deadline) {
      String r = server.results.poll(1, TimeUnit.SECONDS);
      if (r != null && r.startsWith(id + " ")) {
        result = r.substring(id.length() + 1);
      }
      if (!alive()) {
        throw new IllegalStateException(engine.displayName + " stopped:\n" + tail());
      }
    }
    if (result == null) {
      throw new IllegalStateException(
          engine.displayName + " did not run the call " + id + "; its output:\n" + tail());
    }
    // The end marker comes after the CORS lines in WebKit; Firefox logs CORS lines from the
    // network layer, which may come a little later: wait for one naming this call's URL.
    boolean blocked = !result.startsWith("ok");
    String end = "corsair-end " + id;
    String mine = "/s/" + id + "/";
    long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (lines) {
      while (System.nanoTime() < wait) {
        List<String> seen = lines.subList(from, lines.size());
        boolean ended = seen.stream().anyMatch(l -> l.endsWith(end));
        boolean named = seen.stream().anyMatch(l -> l.contains(mine) && l.contains("CORS"));
        if (ended && (!blocked || engine != Engine.FIREFOX || named)) {
          break;
        }
        lines.wait(100);
      }
      return new Observed(result, List.copyOf(lines.subList(from, lines.size())));
    }
  }

  /** The engine's main console message for call {@code id} among {@code console}, or null. */
  static String message(Engine engine, String id, List<String> console) {
    for (String l : console) {
      if (engine == Engine.FIREFOX) {
        int at = l.indexOf("Cross-Origin Request Blocked");
        if (at >= 0 && l.contains("/s/" + id + "/")) {
          return l.substring(at).trim();
        }
      } else {
        int at = l.indexOf("CONSOLE SECURITY ERROR ");
        if (at >= 0) {
          return l.substring(at + "CONSOLE SECURITY ERROR ".length()).trim();
        }
      }
    }
    return null;
  }

  private void await(java.util.function.Predicate<String> p, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (System.nanoTime() < deadline) {
        if (lines.stream().anyMatch(p)) {
          return;
        }
        if (!alive()) {
          break;
        }
        lines.wait(200);
      }
    }
    throw new IllegalStateException(engine.displayName + " did not start:\n" + tail());
  }

  private boolean alive() {
    return processes.get(processes.size() - 1).isAlive();
  }

  private String tail() {
    synchronized (lines) {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      try {
        p.getOutputStream().close();
        boolean graceful = engine == Engine.FIREFOX && i == processes.size() - 1;
        if (!graceful || !p.waitFor(10, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroy);
          p.destroy();
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        }
      } catch (IOException | InterruptedException e) {
        p.destroyForcibly();
      }
    }
    try (Stream<Path> s = Files.walk(home)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort: the profile is in the temp directory
    }
  }
}
