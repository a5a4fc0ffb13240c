package dev.corsair;

/**
 * The names of the request and response headers of the CORS protocol, as the Fetch standard spells
 * them.
 */
public final class CorsHeaders {
  private CorsHeaders() {}

  public static final String ORIGIN = "Origin";
  public static final String VARY = "Vary";
  public static final String REQUEST_METHOD = "Access-Control-Request-Method";
  public static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
  public static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";
  public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
  public static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
  public static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
  public static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
  public static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
  public static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
  public static final String MAX_AGE = "Access-Control-Max-Age";

  /** The prefix shared by every CORS header. */
  static final String PREFIX = "Access-Control-";

  /**
   * Whether {@code name} is a CORS response header ({@code Access-Control-Allow-*}, {@code
   * -Expose-Headers}, {@code -Max-Age}).
   */
  static boolean isCorsResponseHeader(String name) {
    return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        && !name.regionMatches(true, PREFIX.length(), "Request-", 0, 8);
  }
}
