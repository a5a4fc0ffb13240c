package dev.corsair.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Finds Spring WebFlux's own CORS configuration: {@code @CrossOrigin}, {@code CorsRegistry}
 * mappings, Spring's {@code CorsWebFilter}, {@code CorsConfigurationSource} beans and {@code
 * http.cors()}.
 */
final class WebFluxCors {
  private WebFluxCors() {}

  static List<String> find(ApplicationContext context) {
    List<String> found = new ArrayList<>();
    List<HandlerMethod> handlers = new ArrayList<>();
    for (RequestMappingHandlerMapping m :
        context.getBeansOfType(RequestMappingHandlerMapping.class, false, false).values()) {
      handlers.addAll(m.getHandlerMethods().values());
    }
    SpringCorsReport.crossOrigin(handlers, found);
    for (Map.Entry<String, WebFluxConfigurer> e :
        context.getBeansOfType(WebFluxConfigurer.class, false, false).entrySet()) {
      Registry r = new Registry();
      try {
        e.getValue().addCorsMappings(r);
      } catch (RuntimeException ignored) {
        continue; // not ours to judge; the application ran it already
      }
      if (!r.paths().isEmpty()) {
        found.add(
            "CorsRegistry mapping " + r.paths() + " in WebFluxConfigurer '" + e.getKey() + "'");
      }
    }
    for (String name : context.getBeanNamesForType(CorsWebFilter.class, false, false)) {
      found.add("Spring's CorsWebFilter bean '" + name + "'");
    }
    for (String name : context.getBeanNamesForType(CorsConfigurationSource.class, false, false)) {
      found.add("CorsConfigurationSource bean '" + name + "'");
    }
    if (ClassUtils.isPresent(
        "org.springframework.security.web.server.SecurityWebFilterChain",
        context.getClassLoader())) {
      found.addAll(Security.find(context));
    }
    return found;
  }

  /** Collects an application's mappings without applying them. */
  private static final class Registry extends CorsRegistry {
    List<String> paths() {
      return new ArrayList<>(getCorsConfigurations().keySet());
    }
  }

  /** {@code http.cors()}: Spring's CorsWebFilter inside a security web filter chain. */
  private static final class Security {
    static List<String> find(ApplicationContext context) {
      List<String> found = new ArrayList<>();
      for (Map.Entry<String, SecurityWebFilterChain> e :
          context.getBeansOfType(SecurityWebFilterChain.class, false, false).entrySet()) {
        List<WebFilter> filters =
            e.getValue().getWebFilters().collectList().block(Duration.ofSeconds(10));
        if (filters != null && filters.stream().anyMatch(CorsWebFilter.class::isInstance)) {
          found.add("http.cors() in SecurityWebFilterChain '" + e.getKey() + "'");
        }
      }
      return found;
    }
  }
}
