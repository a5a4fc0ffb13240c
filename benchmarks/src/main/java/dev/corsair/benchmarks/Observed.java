package dev.corsair.benchmarks;

/** What a filter did with one request, as the client and the application would see it. */
interface Observed {
  /** Whether the request reached the application. */
  boolean reachedApp();

  /** The response status (200 when the application answered, whatever the filter set). */
  int status();

  /** The response header's values joined with {@code ", "}, or null when absent. */
  String header(String name);

  /** How many response header lines carry {@code name}. */
  int count(String name);
}
