package dev.corsair.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** The servlet filters measured, each configured with {@link BenchPolicy} in its own terms. */
public enum ServletFilters {
  /** corsair's {@code dev.corsair.servlet.CorsFilter}. */
  CORSAIR {
    @Override
    Filter create(Scenario s) throws ServletException {
      Filter f = new dev.corsair.servlet.CorsFilter(BenchPolicy.corsair(s));
      f.init(config(Map.of()));
      return f;
    }
  },
  /** Tomcat 11's {@code org.apache.catalina.filters.CorsFilter}. */
  TOMCAT {
    @Override
    Filter create(Scenario s) throws ServletException {
      Filter f = new org.apache.catalina.filters.CorsFilter();
      f.init(
          config(
              Map.of(
                  "cors.allowed.origins", String.join(",", s.origins()),
                  "cors.allowed.methods", String.join(",", BenchPolicy.METHODS),
                  "cors.allowed.headers", String.join(",", BenchPolicy.HEADERS),
                  "cors.exposed.headers", String.join(",", BenchPolicy.EXPOSED),
                  "cors.support.credentials", "true",
                  "cors.preflight.maxage", Integer.toString(BenchPolicy.MAX_AGE))));
      return f;
    }
  },
  /** Spring 6.2's {@code CorsFilter} with a {@code UrlBasedCorsConfigurationSource}. */
  SPRING {
    @Override
    Filter create(Scenario s) {
      CorsConfiguration c = new CorsConfiguration();
      c.setAllowedOrigins(s.origins());
      c.setAllowedMethods(BenchPolicy.METHODS);
      c.setAllowedHeaders(BenchPolicy.HEADERS);
      c.setExposedHeaders(BenchPolicy.EXPOSED);
      c.setAllowCredentials(true);
      c.setMaxAge((long) BenchPolicy.MAX_AGE);
      UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
      source.registerCorsConfiguration("/**", c);
      return new org.springframework.web.filter.CorsFilter(source);
    }
  },
  /** {@code com.thetransactioncompany:cors-filter} 3.1 (Jakarta). */
  CORS_FILTER {
    @Override
    Filter create(Scenario s) throws Exception {
      Properties p = new Properties();
      p.setProperty("cors.allowOrigin", String.join(" ", s.origins()));
      p.setProperty("cors.supportedMethods", String.join(", ", BenchPolicy.METHODS));
      p.setProperty("cors.supportedHeaders", String.join(", ", BenchPolicy.HEADERS));
      p.setProperty("cors.exposedHeaders", String.join(", ", BenchPolicy.EXPOSED));
      p.setProperty("cors.supportsCredentials", "true");
      p.setProperty("cors.maxAge", Integer.toString(BenchPolicy.MAX_AGE));
      return new com.thetransactioncompany.cors.CORSFilter(
          new com.thetransactioncompany.cors.CORSConfiguration(p));
    }
  },
  /** A hash-set lookup writing precomputed headers: see {@link FloorFilter}. */
  FLOOR {
    @Override
    Filter create(Scenario s) {
      return new FloorFilter(s.origins());
    }
  };

  /** A filter configured for scenario {@code s}'s policy. */
  abstract Filter create(Scenario s) throws Exception;

  /** The library and version, for the tables. */
  String title() {
    switch (this) {
      case CORSAIR:
        return "corsair";
      case TOMCAT:
        return "Tomcat 11";
      case SPRING:
        return "Spring 6.2";
      case CORS_FILTER:
        return "cors-filter 3.1";
      default:
        return "floor";
    }
  }

  static FilterConfig config(Map<String, String> params) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "cors";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(List.copyOf(params.keySet()));
      }
    };
  }
}
