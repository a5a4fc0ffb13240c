package dev.corsair.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds Spring MVC's own CORS configuration: {@code @CrossOrigin}, {@code CorsRegistry} mappings,
 * Spring's {@code CorsFilter}, {@code CorsConfigurationSource} beans and {@code http.cors()}.
 */
final class MvcCors {
  private MvcCors() {}

  static List<String> find(ApplicationContext context) {
    List<String> found = new ArrayList<>();
    List<HandlerMethod> handlers = new ArrayList<>();
    for (RequestMappingHandlerMapping m :
        context.getBeansOfType(RequestMappingHandlerMapping.class, false, false).values()) {
      handlers.addAll(m.getHandlerMethods().values());
    }
    SpringCorsReport.crossOrigin(handlers, found);
    for (Map.Entry<String, WebMvcConfigurer> e :
        context.getBeansOfType(WebMvcConfigurer.class, false, false).entrySet()) {
      Registry r = new Registry();
      try {
        e.getValue().addCorsMappings(r);
      } catch (RuntimeException ignored) {
        continue; // not ours to judge; the application ran it already
      }
      if (!r.paths().isEmpty()) {
        found.add(
            "CorsRegistry mapping " + r.paths() + " in WebMvcConfigurer '" + e.getKey() + "'");
      }
    }
    for (String name : context.getBeanNamesForType(CorsFilter.class, false, false)) {
      found.add("Spring's CorsFilter bean '" + name + "'");
    }
    for (String name : context.getBeanNamesForType(FilterRegistrationBean.class, false, false)) {
      if (context.getBean(name) instanceof FilterRegistrationBean<?> f
          && f.getFilter() instanceof CorsFilter) {
        found.add("Spring's CorsFilter registered by '" + name + "'");
      }
    }
    for (Map.Entry<String, CorsConfigurationSource> e :
        context.getBeansOfType(CorsConfigurationSource.class, false, false).entrySet()) {
      if (!(e.getValue() instanceof HandlerMappingIntrospector)) {
        found.add("CorsConfigurationSource bean '" + e.getKey() + "'");
      }
    }
    if (ClassUtils.isPresent(
        "org.springframework.security.web.SecurityFilterChain", context.getClassLoader())) {
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

  /** {@code http.cors()}: Spring's CorsFilter inside a security filter chain. */
  private static final class Security {
    static List<String> find(ApplicationContext context) {
      List<String> found = new ArrayList<>();
      for (Map.Entry<String, SecurityFilterChain> e :
          context.getBeansOfType(SecurityFilterChain.class, false, false).entrySet()) {
        if (e.getValue().getFilters().stream().anyMatch(CorsFilter.class::isInstance)) {
          found.add("http.cors() in SecurityFilterChain '" + e.getKey() + "'");
        }
      }
      return found;
    }
  }
}
