package dev.corsair.micronaut;

import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the engine from the {@code cors.*} settings (README.md's settings table) in {@code
 * application.yml} or the environment ({@code CORS_ALLOWED_ORIGINS} is {@code cors.allowed-origins}
 * to Micronaut). Without {@code cors.allowed-origins} it builds nothing, and the filter stays off.
 */
@Factory
final class CorsairFactory {
  private static final System.Logger LOG = System.getLogger("dev.corsair.micronaut");

  /** The property keys of README.md's settings table. */
  static final List<String> KEYS = CorsPolicy.settingKeys();

  /** Built at start-up ({@code @Context}), so an invalid setting stops the application there. */
  @Context
  @Requires(property = "cors.allowed-origins")
  CorsEngine corsairEngine(Environment environment) {
    if (environment.getProperty("micronaut.server.cors.enabled", Boolean.class).orElse(false)) {
      LOG.log(
          Level.WARNING,
          "micronaut.server.cors.enabled=true is ignored: corsair's filter replaces Micronaut's"
              + " CORS filter and applies the cors.* settings; remove micronaut.server.cors");
    }
    return CorsEngine.of(CorsPolicy.fromProperties(settings(environment)));
  }

  /** The {@code cors.*} settings present, each as one comma-separated value. */
  static Properties settings(Environment environment) {
    Properties p = new Properties();
    for (String key : KEYS) {
      Optional<List<String>> values = environment.getProperty(key, Argument.listOf(String.class));
      values.ifPresent(v -> p.setProperty(key, String.join(",", v)));
    }
    return p;
  }
}
