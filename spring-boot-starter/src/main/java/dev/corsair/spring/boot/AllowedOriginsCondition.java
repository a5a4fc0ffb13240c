package dev.corsair.spring.boot;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code cors.allowed-origins} (or {@code CORS_ALLOWED_ORIGINS}) is set. Without it
 * the starter adds nothing, and says so at DEBUG: a dependency alone changes no response.
 */
final class AllowedOriginsCondition extends SpringBootCondition {
  private static final Log LOG = LogFactory.getLog("dev.corsair.spring");

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    if (CorsSettings.originsSet(context.getEnvironment())) {
      return ConditionOutcome.match("cors.allowed-origins is set");
    }
    String why =
        "corsair: cors.allowed-origins (CORS_ALLOWED_ORIGINS) is not set, so the starter adds no"
            + " CORS filter and changes no response; set it to turn corsair on";
    LOG.debug(why);
    return ConditionOutcome.noMatch(why);
  }
}
