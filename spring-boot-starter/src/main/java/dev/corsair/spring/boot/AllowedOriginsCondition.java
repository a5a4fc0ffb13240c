package dev.corsair.spring.boot;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code cors.allowed-origins} (or {@code CORS_ALLOWED_ORIGINS}) is set. Without it
 * the starter adds nothing, and says so at DEBUG: a dependency alone changes no response. When
 * other {@code cors.*} settings are there without it (a misspelt {@code cors.allowed-origin}), it
 * says so once at WARN, since the application then runs without the CORS policy it was given.
 */
final class AllowedOriginsCondition extends SpringBootCondition {
  private static final Log LOG = LogFactory.getLog("dev.corsair.spring");
  private static final Set<Environment> WARNED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    if (CorsSettings.originsSet(environment)) {
      return ConditionOutcome.match("cors.allowed-origins is set");
    }
    String why =
        "corsair: cors.allowed-origins (CORS_ALLOWED_ORIGINS) is not set, so the starter adds no"
            + " CORS filter and changes no response";
    List<String> others = others(environment);
    if (others.isEmpty()) {
      LOG.debug(why + "; set it to turn corsair on");
    } else if (WARNED.add(environment)) {
      LOG.warn(why + ", although " + String.join("; ", others) + " is set: a misspelt key?");
    }
    return ConditionOutcome.noMatch(why);
  }

  /** The other corsair settings present, each with the core's "did you mean" when unknown. */
  private static List<String> others(Environment environment) {
    List<String> others = new ArrayList<>();
    Binder binder = Binder.get(environment);
    for (String key : CorsSettings.KEYS) {
      CorsSettings.Setting s = CorsSettings.read(binder, key);
      if (s != null) {
        others.add(s.name());
      }
    }
    for (String unknown : CorsSettings.unknownKeys(environment)) {
      others.add(unknown + " (" + problem(unknown) + ")");
    }
    return others;
  }

  private static String problem(String unknown) {
    try {
      CorsPolicy.builder().set(unknown, "").build();
    } catch (CorsConfigException e) {
      for (CorsConfigException.Problem p : e.problems()) {
        if (p.setting().equals(unknown)) {
          return p.message();
        }
      }
    }
    return "unknown setting";
  }
}
