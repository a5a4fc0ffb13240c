package dev.corsair.spring.boot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.method.HandlerMethod;

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

  /**
   * Adds to {@code found} the handler methods of MVC or WebFlux that carry {@code @CrossOrigin} (on
   * the method or its class), named once each, when there are any.
   */
  static void crossOrigin(Collection<HandlerMethod> handlers, List<String> found) {
    List<String> annotated = new ArrayList<>();
    for (HandlerMethod h : handlers) {
      if (AnnotatedElementUtils.hasAnnotation(h.getMethod(), CrossOrigin.class)
          || AnnotatedElementUtils.hasAnnotation(h.getBeanType(), CrossOrigin.class)) {
        String name = h.getBeanType().getSimpleName() + "." + h.getMethod().getName();
        if (!annotated.contains(name)) {
          annotated.add(name);
        }
      }
    }
    if (!annotated.isEmpty()) {
      found.add("@CrossOrigin on " + some(annotated, 3));
    }
  }

  /** At most {@code max} names, then how many more. */
  static String some(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }
}
