package dev.corsair.check;

/**
 * Firefox's CORS console messages, verbatim from {@code
 * dom/locales/en-US/chrome/security/security.properties} (the en-US strings {@code
 * nsCORSListenerProxy} logs). {@code %1$S} is the URL of the blocked request, {@code %2$S} the
 * failed parameter or the status code.
 */
enum FirefoxMessage {
  CORS_DISABLED("CORSDisabled", "(Reason: CORS disabled)."),
  CORS_DID_NOT_SUCCEED(
      "CORSDidNotSucceed2", "(Reason: CORS request did not succeed). Status code: %2$S."),
  CORS_ORIGIN_HEADER_NOT_ADDED(
      "CORSOriginHeaderNotAdded", "(Reason: CORS header ‘Origin’ cannot be added)."),
  CORS_EXTERNAL_REDIRECT_NOT_ALLOWED(
      "CORSExternalRedirectNotAllowed", "(Reason: CORS request external redirect not allowed)."),
  CORS_REQUEST_NOT_HTTP("CORSRequestNotHttp", "(Reason: CORS request not http)."),
  CORS_MISSING_ALLOW_ORIGIN(
      "CORSMissingAllowOrigin2",
      "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %2$S."),
  CORS_MULTIPLE_ALLOW_ORIGIN_NOT_ALLOWED(
      "CORSMultipleAllowOriginNotAllowed",
      "(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."),
  CORS_ALLOW_ORIGIN_NOT_MATCHING_ORIGIN(
      "CORSAllowOriginNotMatchingOrigin",
      "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2$S’)."),
  CORS_NOT_SUPPORTING_CREDENTIALS(
      "CORSNotSupportingCredentials",
      "(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is"
          + " ‘*’)."),
  CORS_METHOD_NOT_FOUND(
      "CORSMethodNotFound",
      "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."),
  CORS_MISSING_ALLOW_CREDENTIALS(
      "CORSMissingAllowCredentials",
      "(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."),
  CORS_PREFLIGHT_DID_NOT_SUCCEED(
      "CORSPreflightDidNotSucceed3",
      "(Reason: CORS preflight response did not succeed). Status code: %2$S."),
  CORS_INVALID_ALLOW_METHOD(
      "CORSInvalidAllowMethod",
      "(Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Methods’)."),
  CORS_INVALID_ALLOW_HEADER(
      "CORSInvalidAllowHeader",
      "(Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’)."),
  CORS_MISSING_ALLOW_HEADER_FROM_PREFLIGHT(
      "CORSMissingAllowHeaderFromPreflight2",
      "(Reason: header ‘%2$S’ is not allowed according to header ‘Access-Control-Allow-Headers’"
          + " from CORS preflight response).");

  /** What every message starts with, before the URL. */
  static final String PREFIX =
      "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource"
          + " at ";

  /** The key in security.properties. */
  final String key;

  /** The message after "... resource at URL. ". */
  final String reason;

  FirefoxMessage(String key, String reason) {
    this.key = key;
    this.reason = reason;
  }

  /** The whole console line for a request to {@code url}, {@code param} filling {@code %2$S}. */
  String format(String url, String param) {
    // CORSNotSupportingCredentials alone quotes the URL.
    String at = this == CORS_NOT_SUPPORTING_CREDENTIALS ? "‘" + url + "’" : url;
    return PREFIX + at + ". " + reason.replace("%2$S", param == null ? "" : param);
  }
}
