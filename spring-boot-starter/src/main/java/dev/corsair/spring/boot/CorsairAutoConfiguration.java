package dev.corsair.spring.boot;

import dev.corsair.CorsEngine;
import dev.corsair.servlet.CorsFilter;
import dev.corsair.webflux.CorsWebFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * corsair in a Spring Boot 3.5 or 4.0 application, configured by the {@code cors.*} properties (or
 * {@code CORS_*} variables) and active only when {@code cors.allowed-origins} is set. On the
 * servlet stack, corsair's {@link CorsFilter} runs first, before Spring Security's filter chain,
 * for the REQUEST, ERROR and ASYNC dispatches; on the reactive stack, its {@link CorsWebFilter}
 * runs before Spring Security's {@code WebFilterChainProxy}. Spring's own CORS configuration found
 * beside it is named in one warning at start-up.
 */
@AutoConfiguration
@Conditional(AllowedOriginsCondition.class)
public class CorsairAutoConfiguration {
  /** The bean name of the filter registration and of the reactive filter. */
  public static final String FILTER_NAME = "corsairCorsFilter";

  /** The engine enforcing the configured policy; an invalid setting stops start-up. */
  @Bean
  @ConditionalOnMissingBean
  CorsEngine corsairEngine(Environment environment) {
    return CorsEngine.of(CorsSettings.policy(environment));
  }

  /** Servlet stack: the filter, first in the chain. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = {"jakarta.servlet.Filter", "dev.corsair.servlet.CorsFilter"})
  static class Servlet {
    @Bean(FILTER_NAME)
    FilterRegistrationBean<CorsFilter> corsairCorsFilter(CorsEngine engine) {
      FilterRegistrationBean<CorsFilter> bean =
          new FilterRegistrationBean<>(new CorsFilter(engine));
      bean.setName(FILTER_NAME);
      // Before Spring Security (-100) and every other filter: preflights carry no credentials.
      bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
      bean.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
      bean.setAsyncSupported(true);
      bean.addUrlPatterns("/*");
      return bean;
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static SmartInitializingSingleton corsairSpringCorsReport(ApplicationContext context) {
      return () -> SpringCorsReport.warn(MvcCors.find(context));
    }
  }

  /** Reactive stack: the web filter, ordered first. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
  static class Reactive {
    @Bean(FILTER_NAME)
    CorsWebFilter corsairCorsFilter(CorsEngine engine) {
      return new CorsWebFilter(engine);
    }

    @Bean
    static SmartInitializingSingleton corsairSpringCorsReport(ApplicationContext context) {
      return () -> SpringCorsReport.warn(WebFluxCors.find(context));
    }
  }
}
