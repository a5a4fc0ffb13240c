package dev.corsair.benchmarks;

/** The floor filters' precomputed header names and values (servlet and JDK alike). */
final class Floor {
  private Floor() {}

  static final String ORIGIN = "Origin";
  static final String VARY = "Vary";
  static final String OPTIONS = "OPTIONS";
  static final String REQUEST_METHOD = "Access-Control-Request-Method";
  static final String PREFLIGHT_VARY =
      "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
  static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
  static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
  static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
  static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
  static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
  static final String MAX_AGE = "Access-Control-Max-Age";
  static final String TRUE = "true";
  static final String METHODS = String.join(", ", BenchPolicy.METHODS);
  static final String HEADERS = String.join(", ", BenchPolicy.HEADERS);
  static final String EXPOSED = String.join(", ", BenchPolicy.EXPOSED);
  static final String MAX_AGE_VALUE = Integer.toString(BenchPolicy.MAX_AGE);
}
