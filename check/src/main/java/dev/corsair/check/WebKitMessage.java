package dev.corsair.check;

/**
 * WebKit's CORS console messages (Safari, WebKitGTK), verbatim from {@code
 * Source/WebCore/loader/CrossOriginAccessControl.cpp}, {@code CrossOriginPreflightResultCache.cpp}
 * and {@code Source/WebKit/NetworkProcess/NetworkCORSPreflightChecker.cpp}, {@code
 * NetworkLoadChecker.cpp}. {@code %s} is the failed parameter; a second {@code %s} the URL. WebKit
 * prints this reason line, then {@link #FETCH_CANNOT_LOAD} naming the URL.
 */
enum WebKitMessage {
  ORIGIN_NOT_ALLOWED("Origin %s is not allowed by Access-Control-Allow-Origin. Status code: %s"),
  WILDCARD_WITH_CREDENTIALS(
      "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."),
  MULTIPLE_ORIGINS("Access-Control-Allow-Origin cannot contain more than one origin."),
  CREDENTIALS_NOT_TRUE(
      "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\"."),
  PREFLIGHT_NOT_SUCCESSFUL("Preflight response is not successful. Status code: %s"),
  PREFLIGHT_REDIRECTED("Preflight response is not successful"),
  INVALID_ALLOW_METHODS("Header Access-Control-Allow-Methods has an invalid value: %s"),
  INVALID_ALLOW_HEADERS("Header Access-Control-Allow-Headers has an invalid value: %s"),
  METHOD_NOT_ALLOWED("Method %s is not allowed by Access-Control-Allow-Methods."),
  HEADER_NOT_ALLOWED("Request header field %s is not allowed by Access-Control-Allow-Headers."),
  REDIRECT_DENIED(
      "Cross-origin redirection to %s denied by Cross-Origin Resource Sharing policy: %s"),
  REDIRECT_WITH_CREDENTIALS("redirection URL %s has credentials");

  /** The line Safari adds after the reason, naming the URL fetch() was called with. */
  static final String FETCH_CANNOT_LOAD = "Fetch API cannot load %s due to access control checks.";

  final String template;

  WebKitMessage(String template) {
    this.template = template;
  }

  /** The reason line with its parameters filled in, in order. */
  String format(String... params) {
    String s = template;
    for (String p : params) {
      int at = s.indexOf("%s");
      if (at < 0) {
        break;
      }
      s = s.substring(0, at) + (p == null ? "" : p) + s.substring(at + 2);
    }
    return s;
  }
}
