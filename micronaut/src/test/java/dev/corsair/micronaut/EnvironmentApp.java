package dev.corsair.micronaut;

import java.util.Map;

/**
 * Starts the error paths' application with no property at all, so that its settings come from the
 * process environment ({@code CORS_*}); prints its port and runs until its standard input closes.
 */
final class EnvironmentApp {
  private EnvironmentApp() {}

  public static void main(String[] args) throws Exception {
    try (MicronautServer server = MicronautServer.start("errors", Map.of())) {
      System.out.println("port " + server.server.getPort());
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the test to close our standard input
      }
    }
  }
}
