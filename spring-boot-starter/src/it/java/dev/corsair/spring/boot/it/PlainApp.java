package dev.corsair.spring.boot.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * An application with nothing but the starter, the shared case table's {@code TestApp} and a few
 * controllers: no Spring Security, no Spring CORS configuration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({Endpoints.class, PlainApp.Servlet.class, PlainApp.Reactive.class})
class PlainApp {
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Servlet {
    @Bean
    ServletRegistrationBean<TestAppServlet> testApp() {
      return new ServletRegistrationBean<>(new TestAppServlet(), TestAppServlet.MAPPINGS);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class Reactive {
    @Bean
    TestAppWebFilter testApp() {
      return new TestAppWebFilter();
    }
  }
}
