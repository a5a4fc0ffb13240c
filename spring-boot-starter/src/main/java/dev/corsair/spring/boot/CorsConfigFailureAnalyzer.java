package dev.corsair.spring.boot;

import dev.corsair.CorsConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid {@code cors.*} setting into Boot's "APPLICATION FAILED TO START" report with
 * corsair's text (every problem: the setting, the value, the fix) instead of a stack trace.
 */
final class CorsConfigFailureAnalyzer extends AbstractFailureAnalyzer<CorsConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CorsConfigException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct the CORS settings named above, in application.properties or application.yml"
            + " (cors.allowed-origins, ...) or in the environment (CORS_ALLOWED_ORIGINS, ...).",
        cause);
  }
}
