package dev.corsair.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One filter, one scenario: the lean request and response, and {@link #run()} which resets them
 * without allocating and sends the request through the filter. Also what the filter did, for the
 * correctness check that precedes every measurement.
 */
abstract class Fixture implements Observed {
  /**
   * corsair's refusal log is on, as a user gets it by default (the first refusal of each kind in
   * full, repeats counted); {@code -Dcorsair.bench.quiet=true} sets its logger to WARNING instead,
   * as the runs before issue 12 did.
   */
  private static final Logger CORSAIR_LOG = Logger.getLogger("dev.corsair");

  static {
    if (Boolean.getBoolean("corsair.bench.quiet")) {
      CORSAIR_LOG.setLevel(Level.WARNING);
    }
  }

  final Scenario scenario;

  Fixture(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Sends the scenario's request once; returns the status, for the benchmark to consume. */
  abstract int run() throws Exception;

  /** Runs once and checks the output. */
  final Verdict verify() {
    try {
      run();
      return Verdict.check(scenario, this);
    } catch (Exception | LinkageError | AssertionError e) {
      return Verdict.wrong(e.toString());
    }
  }

  /**
   * The check of a benchmark's {@code @Setup}: a wrong output is recorded (in the file named by
   * {@code -Dcorsair.bench.failures}) and stops the trial, so it is reported, not timed.
   */
  static <F extends Fixture> F checked(String what, Creator<F> creator, Scenario s) {
    F f;
    Verdict v;
    try {
      f = creator.create();
      v = f.verify();
    } catch (Exception | LinkageError e) {
      f = null;
      v = Verdict.wrong(e.toString());
    }
    if (!v.ok()) {
      String line = what + " " + s + ": " + v + "\n";
      String file = System.getProperty("corsair.bench.failures");
      if (file != null) {
        try {
          Files.writeString(
              Path.of(file),
              line,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new IllegalStateException("cannot record " + line, e);
        }
      }
      throw new IllegalStateException("not timed: " + line.strip());
    }
    return f;
  }

  /** Makes a fixture. */
  @FunctionalInterface
  interface Creator<F extends Fixture> {
    F create() throws Exception;
  }
}
