package dev.corsair.spring.boot;

import dev.corsair.CorsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code cors.*} settings of README.md's settings table, read from Spring's environment with
 * Boot's relaxed binding ({@code application.properties}/{@code .yml}, {@code --cors.max-age=600},
 * {@code CORS_MAX_AGE}), each passed to the policy under the name the user wrote, so that a
 * configuration error names {@code CORS_ALLOWED_ORIGINS} when it came from the environment and
 * {@code cors.allowed-origins} otherwise.
 */
final class CorsSettings {
  /** The property keys of README.md's settings table. */
  static final List<String> KEYS = CorsPolicy.settingKeys();

  static final String ORIGINS = KEYS.get(0);

  private CorsSettings() {}

  /** Whether {@code cors.allowed-origins} (or {@code CORS_ALLOWED_ORIGINS}) is set at all. */
  static boolean originsSet(Environment environment) {
    return read(Binder.get(environment), ORIGINS) != null;
  }

  /**
   * The policy the environment describes.
   *
   * @throws dev.corsair.CorsConfigException listing every problem, unknown {@code cors.*} keys
   *     included
   */
  static CorsPolicy policy(Environment environment) {
    Binder binder = Binder.get(environment);
    CorsPolicy.Builder b = CorsPolicy.builder();
    for (String key : KEYS) {
      Setting s = read(binder, key);
      if (s != null) {
        b.set(s.name(), s.value());
      }
    }
    for (String unknown : unknownKeys(environment)) {
      b.set(unknown, environment.getProperty(unknown));
    }
    return b.build();
  }

  /** A setting's value and the name it was written under. */
  record Setting(String name, String value) {}

  /**
   * The setting {@code key}, as one value ({@code a,b}) or as a YAML list ({@code key[0]}, ...)
   * joined with commas; null when unset.
   */
  static Setting read(Binder binder, String key) {
    OriginCapture capture = new OriginCapture();
    BindResult<String> single = binder.bind(key, Bindable.of(String.class), capture);
    if (single.isBound()) {
      return new Setting(capture.nameFor(key), single.get());
    }
    BindResult<List<String>> list = binder.bind(key, Bindable.listOf(String.class), capture);
    if (list.isBound()) {
      return new Setting(capture.nameFor(key), String.join(",", list.get()));
    }
    return null;
  }

  /** {@code cors.*} keys in property files and arguments that are none of {@link #KEYS}. */
  static List<String> unknownKeys(Environment environment) {
    List<String> unknown = new ArrayList<>();
    if (!(environment instanceof ConfigurableEnvironment c)) {
      return unknown;
    }
    for (PropertySource<?> source : c.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> e)
          || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
        continue; // CORS_* variables are read through the binder; other programs share them
      }
      for (String name : e.getPropertyNames()) {
        if (name.regionMatches(true, 0, "cors.", 0, 5) && !known(name) && !unknown.contains(name)) {
          unknown.add(name);
        }
      }
    }
    return unknown;
  }

  /** Whether {@code name} is one of {@link #KEYS} in any relaxed form or a list element of one. */
  private static boolean known(String name) {
    ConfigurationPropertyName n = ConfigurationPropertyName.adapt(name, '.');
    return KEYS.stream().map(ConfigurationPropertyName::of).anyMatch(k -> covers(k, n));
  }

  private static boolean covers(ConfigurationPropertyName key, ConfigurationPropertyName name) {
    return key.equals(name) || key.isAncestorOf(name);
  }

  /** Remembers where the bound value came from. */
  private static final class OriginCapture extends AbstractBindHandler {
    private Origin origin;

    @Override
    public Object onSuccess(
        ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
      ConfigurationProperty p = context.getConfigurationProperty();
      if (p != null && origin == null) {
        origin = p.getOrigin();
      }
      return super.onSuccess(name, target, context, result);
    }

    /** {@code CORS_MAX_AGE} when the value came from that variable, {@code key} otherwise. */
    String nameFor(String key) {
      String variable = "CORS_" + key.substring(5).toUpperCase(Locale.ROOT).replace('-', '_');
      return variable.equals(variableName(origin)) ? variable : key;
    }

    /** The environment variable a value came from, or null when it came from elsewhere. */
    private static String variableName(Origin origin) {
      for (Origin o = origin; o != null; ) {
        if (o instanceof SystemEnvironmentOrigin env) {
          return env.getProperty();
        }
        if (o instanceof PropertySourceOrigin p) {
          if (p.getPropertySource() instanceof SystemEnvironmentPropertySource) {
            return p.getPropertyName();
          }
          o = p.getOrigin();
        } else {
          o = o.getParent();
        }
      }
      return null;
    }
  }
}
