package dev.corsair.spring.boot.it;

import org.springframework.boot.SpringApplication;

/** Starts {@link PlainApp} as a real {@code main}, for the start-up failure test's own JVM. */
public final class FailingMain {
  private FailingMain() {}

  public static void main(String[] args) {
    SpringApplication.run(PlainApp.class, args);
  }
}
