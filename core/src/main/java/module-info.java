/**
 * corsair's CORS engine: validated policies ({@link dev.corsair.CorsPolicy}), exact decisions
 * ({@link dev.corsair.CorsEngine}) and the small API front ends adapt ({@link
 * dev.corsair.CorsRequest}, {@link dev.corsair.CorsResponse}). No dependencies.
 */
module dev.corsair {
  exports dev.corsair;
}
