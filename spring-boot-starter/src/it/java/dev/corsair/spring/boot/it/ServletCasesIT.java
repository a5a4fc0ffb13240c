package dev.corsair.spring.boot.it;

/** {@link CasesIT} on Spring MVC and Tomcat. */
class ServletCasesIT extends CasesIT {
  @Override
  Boot.Stack stack() {
    return Boot.Stack.SERVLET;
  }
}
