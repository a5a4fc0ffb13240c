package dev.corsair;

/** Receives the {@code Access-Control-*} response headers of a {@link CorsDecision}. */
@FunctionalInterface
interface HeaderWriter {
  /** Sets (replaces) the response header {@code name} to {@code value}. */
  void set(String name, String value);
}
