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
 * corsair's engine alone: {@code CorsEngine.handle} with a lean request and response (item 2; issue
 * 2 item 6).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineBench {
  @Param Scenario scenario;

  private EngineFixture fixture;

  @Setup
  public void setUp() {
    fixture = Fixture.checked("engine", () -> new EngineFixture(scenario), scenario);
  }

  @Benchmark
  public int decide() throws Exception {
    return fixture.run();
  }
}
