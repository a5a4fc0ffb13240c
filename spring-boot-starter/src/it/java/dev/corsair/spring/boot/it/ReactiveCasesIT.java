package dev.corsair.spring.boot.it;

/** {@link CasesIT} on Spring WebFlux and Reactor Netty. */
class ReactiveCasesIT extends CasesIT {
  @Override
  Boot.Stack stack() {
    return Boot.Stack.REACTIVE;
  }
}
