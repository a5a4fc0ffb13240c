package dev.corsair.benchmarks;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.HeaderWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * corsair's engine alone: {@link CorsEngine#decide} and {@link CorsDecision#writeHeaders} into a
 * writer that does nothing, without any server API.
 */
final class EngineFixture extends Fixture {
  private static final HeaderWriter NOOP = (name, value) -> {};

  private final CorsEngine engine;
  private CorsDecision last;

  EngineFixture(Scenario s) {
    super(s);
    this.engine = CorsEngine.of(BenchPolicy.corsair(s));
  }

  @Override
  int run() {
    Scenario s = scenario;
    CorsDecision d =
        engine.decide(s.method, Scenario.PATH, s.origin, s.requestMethod, s.requestHeaders, null);
    d.writeHeaders(NOOP);
    last = d;
    return d.status();
  }

  @Override
  public boolean reachedApp() {
    return !last.isPreflight();
  }

  @Override
  public int status() {
    return last.isPreflight() ? last.status() : 200;
  }

  @Override
  public String header(String name) {
    List<String> values = values(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  @Override
  public int count(String name) {
    return values(name).size();
  }

  private List<String> values(String name) {
    List<String> out = new ArrayList<>();
    last.writeHeaders(
        (n, v) -> {
          if (n.equalsIgnoreCase(name)) {
            out.add(v);
          }
        });
    if (name.equalsIgnoreCase("Vary") && last.vary() != null) {
      out.add(last.vary());
    }
    return out;
  }
}
