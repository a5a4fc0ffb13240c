package dev.corsair.spring.boot.it;

/** {@link SecuredIT} on Spring MVC, Tomcat and Spring Security's servlet filter chain. */
class ServletSecuredIT extends SecuredIT {
  @Override
  Boot.Stack stack() {
    return Boot.Stack.SERVLET;
  }
}
