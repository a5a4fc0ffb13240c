package dev.corsair.spring.boot;

import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The one start-up warning naming Spring's own CORS configuration found beside corsair. */
final class SpringCorsReport {
  private static final Log LOG = LogFactory.getLog("dev.corsair.spring");

  private SpringCorsReport() {}

  static void warn(List<String> found) {
    String m = message(found);
    if (m != null) {
      LOG.warn(m);
    }
  }

  /** The warning for {@code found}, or null when Spring's CORS is off. */
  static String message(List<String> found) {
    if (found.isEmpty()) {
      return null;
    }
    return "corsair: Spring's own CORS configuration is also on: "
        + String.join("; ", found)
        + ". corsair answers CORS first and its headers win (one Access-Control-Allow-Origin per"
        + " response), so this configuration has no effect: remove it and keep the cors.*"
        + " properties as the one source of CORS settings.";
  }

  /** At most {@code max} names, then how many more. */
  static String some(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }
}
