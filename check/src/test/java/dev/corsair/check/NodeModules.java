package dev.corsair.check;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages a test folder pins in its {@code package-lock.json}: installed with {@code npm
 * ci} on first use when missing (as {@code .ci/run} does), so that {@code ./mvnw verify} in a fresh
 * clone runs the Firefox and Express tests instead of skipping or failing them.
 */
final class NodeModules {
  private NodeModules() {}

  /**
   * Whether {@code dir/node_modules/probe} exists, after running {@code npm ci} in {@code dir} if
   * it did not (needs {@code npm} on the PATH and the registry; its output goes to {@code
   * target/npm-ci.log}, since the test JVM's own output is Surefire's channel).
   */
  static synchronized boolean ensure(Path dir, String probe) {
    Path installed = dir.resolve("node_modules").resolve(probe);
    if (Files.isDirectory(installed) || !onPath("npm")) {
      return Files.isDirectory(installed);
    }
    try {
      File log = Path.of("target", "npm-ci.log").toAbsolutePath().toFile();
      ProcessBuilder pb =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
      pb.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1"); // Debian's browsers only
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("npm ci in " + dir + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Files.isDirectory(installed);
  }

  static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(d, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
