package dev.corsair;

/**
 * Receives the response headers of a {@link CorsDecision}. Front ends pass their server's
 * header-setting method, so writing a decision allocates nothing of its own.
 */
@FunctionalInterface
public interface HeaderWriter {
  /** Sets (replaces) the response header {@code name} to {@code value}. */
  void set(String name, String value);
}
