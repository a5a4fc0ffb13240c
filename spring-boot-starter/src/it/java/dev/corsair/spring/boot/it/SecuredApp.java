package dev.corsair.spring.boot.it;

import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import reactor.core.publisher.Mono;

/**
 * A secured application, as many are: Spring Security requires authentication everywhere (form
 * login with a cookie session, and HTTP basic), an API's 401 for anonymous calls, and Spring's own
 * CORS configured every way there is ({@code @CrossOrigin}, a global {@code CorsRegistry}, Spring's
 * {@code CorsFilter}/{@code CorsWebFilter}, a {@code CorsConfigurationSource} and {@code
 * http.cors()}), all more permissive than corsair's policy: corsair's headers must win.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({
  Endpoints.class,
  SpringCorsEndpoints.class,
  SecuredApp.Servlet.class,
  SecuredApp.Reactive.class
})
class SecuredApp {
  static final String USER = "ada";
  static final String PASSWORD = "lovelace";

  /** Spring's CORS, reflecting any origin with credentials: what corsair must override. */
  static CorsConfiguration permissive() {
    CorsConfiguration c = new CorsConfiguration();
    c.setAllowedOriginPatterns(List.of("*"));
    c.setAllowedMethods(List.of("*"));
    c.setAllowedHeaders(List.of("*"));
    c.setAllowCredentials(true);
    c.setExposedHeaders(List.of("X-Spring"));
    return c;
  }

  static UserDetails user() {
    return User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Servlet {
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .formLogin(
              f ->
                  f.successHandler((req, res, auth) -> res.setStatus(204))
                      .failureHandler((req, res, e) -> res.setStatus(401)))
          .httpBasic(Customizer.withDefaults())
          .exceptionHandling(
              e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
          .csrf(c -> c.disable())
          .cors(Customizer.withDefaults())
          .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(user());
    }

    @Bean
    org.springframework.web.cors.CorsConfigurationSource corsConfigurationSource() {
      org.springframework.web.cors.UrlBasedCorsConfigurationSource s =
          new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
      s.registerCorsConfiguration("/**", permissive());
      return s;
    }

    @Bean
    org.springframework.web.filter.CorsFilter springCorsFilter() {
      org.springframework.web.cors.UrlBasedCorsConfigurationSource s =
          new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
      s.registerCorsConfiguration("/**", permissive());
      return new org.springframework.web.filter.CorsFilter(s);
    }

    @Bean
    WebMvcConfigurer springCorsRegistry() {
      return new WebMvcConfigurer() {
        @Override
        public void addCorsMappings(CorsRegistry registry) {
          registry
              .addMapping("/spring/registry")
              .allowedOriginPatterns("*")
              .allowCredentials(true)
              .exposedHeaders("X-Spring");
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class Reactive {
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
      return http.authorizeExchange(a -> a.anyExchange().authenticated())
          .formLogin(
              f ->
                  f.authenticationSuccessHandler(
                          (exchange, auth) ->
                              Mono.fromRunnable(
                                  () ->
                                      exchange
                                          .getExchange()
                                          .getResponse()
                                          .setStatusCode(HttpStatus.NO_CONTENT)))
                      .authenticationFailureHandler(
                          (exchange, e) ->
                              Mono.fromRunnable(
                                  () ->
                                      exchange
                                          .getExchange()
                                          .getResponse()
                                          .setStatusCode(HttpStatus.UNAUTHORIZED))))
          .httpBasic(Customizer.withDefaults())
          .exceptionHandling(
              e ->
                  e.authenticationEntryPoint(
                      new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)))
          .csrf(c -> c.disable())
          .cors(Customizer.withDefaults())
          .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
      return new MapReactiveUserDetailsService(user());
    }

    @Bean
    org.springframework.web.cors.reactive.CorsConfigurationSource corsConfigurationSource() {
      org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource s =
          new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
      s.registerCorsConfiguration("/**", permissive());
      return s;
    }

    @Bean
    org.springframework.web.cors.reactive.CorsWebFilter springCorsWebFilter() {
      org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource s =
          new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
      s.registerCorsConfiguration("/**", permissive());
      return new org.springframework.web.cors.reactive.CorsWebFilter(s);
    }

    @Bean
    org.springframework.web.reactive.config.WebFluxConfigurer springCorsRegistry() {
      return new org.springframework.web.reactive.config.WebFluxConfigurer() {
        @Override
        public void addCorsMappings(org.springframework.web.reactive.config.CorsRegistry registry) {
          registry
              .addMapping("/spring/registry")
              .allowedOriginPatterns("*")
              .allowCredentials(true)
              .exposedHeaders("X-Spring");
        }
      };
    }
  }
}
