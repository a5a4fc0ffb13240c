package dev.corsair.benchmarks;

import com.sun.net.httpserver.Filter;
import dev.corsair.jdkhttp.CorsHttpFilter;

/** The JDK {@code HttpServer} filters measured. */
public enum JdkFilters {
  /** corsair's {@code dev.corsair.jdkhttp.CorsHttpFilter}. */
  CORSAIR,
  /** A hash-set lookup writing precomputed headers. */
  FLOOR;

  Filter create(Scenario s) {
    return this == CORSAIR
        ? new CorsHttpFilter(BenchPolicy.corsair(s))
        : new JdkFloorFilter(s.origins());
  }
}
