package dev.corsair.gateway;

/**
 * Ends the process on an {@link OutOfMemoryError}, wherever it is caught: a proxy that ran out of
 * memory answers nobody, so exiting with a clear message lets its supervisor restart it. ({@code
 * bin/corsair} also runs the proxies with {@code -XX:+ExitOnOutOfMemoryError} for errors thrown
 * where no handler sees them.)
 */
final class OutOfMemory {
  /** The exit status after an out-of-memory error. */
  static final int EXIT_STATUS = 3;

  private OutOfMemory() {}

  /** Exits the process when {@code t} or one of its causes is an {@link OutOfMemoryError}. */
  static void exitIfCausedBy(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        exit(c);
      }
      if (c.getCause() == c) {
        return;
      }
    }
  }

  /** Installs {@link #exitIfCausedBy} for errors no handler caught (process entry points only). */
  static void exitOnUncaught() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          exitIfCausedBy(e);
          if (previous != null) {
            previous.uncaughtException(thread, e);
          } else {
            e.printStackTrace();
          }
        });
  }

  private static void exit(Throwable oom) {
    System.err.println(
        "corsair: out of memory ("
            + oom
            + "); exiting with status "
            + EXIT_STATUS
            + " so that a supervisor restarts the proxy. Raise the heap with"
            + " CORSAIR_JAVA_OPTS=-Xmx512m or lower --max-connections.");
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_STATUS);
  }
}
