package dev.corsair.spring.boot.it;

/** {@link SecuredIT} on Spring WebFlux, Reactor Netty and Spring Security's WebFilterChainProxy. */
class ReactiveSecuredIT extends SecuredIT {
  @Override
  Boot.Stack stack() {
    return Boot.Stack.REACTIVE;
  }
}
