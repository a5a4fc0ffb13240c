package dev.corsair.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Jetty 12's {@code CrossOriginHandler} through Jetty's core API. Shown, not counted in the goals:
 * it validates neither the method nor the headers of a preflight.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JettyBench {
  @Param Scenario scenario;

  private JettyFixture fixture;

  @Setup
  public void setUp() {
    fixture = Fixture.checked("jetty", () -> new JettyFixture(scenario), scenario);
  }

  @Benchmark
  public int request() throws Exception {
    return fixture.run();
  }
}
