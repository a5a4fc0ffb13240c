package dev.corsair.check;

/**
 * Chromium's {@code network::mojom::CorsError} values that a fetch from a page can produce, each
 * with the sentence Chromium prints for it ({@code cors_error_string.cc},
 * GetErrorStringForConsoleMessage). {@code %s} stands for the failed parameter (the "hint").
 */
enum CorsError {
  WILDCARD_ORIGIN_NOT_ALLOWED(
      "WildcardOriginNotAllowed",
      false,
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the"
          + " wildcard '*' when the request's credentials mode is 'include'."),
  MISSING_ALLOW_ORIGIN_HEADER(
      "MissingAllowOriginHeader",
      false,
      "No 'Access-Control-Allow-Origin' header is present on the requested resource."),
  MULTIPLE_ALLOW_ORIGIN_VALUES(
      "MultipleAllowOriginValues",
      false,
      "The 'Access-Control-Allow-Origin' header contains multiple values '%s', but only one is"
          + " allowed."
          + CorsError.NO_CORS_INFORMATION),
  INVALID_ALLOW_ORIGIN_VALUE(
      "InvalidAllowOriginValue",
      false,
      "The 'Access-Control-Allow-Origin' header contains the invalid value '%s'."
          + CorsError.NO_CORS_INFORMATION),
  ALLOW_ORIGIN_MISMATCH(
      "AllowOriginMismatch",
      false,
      "The 'Access-Control-Allow-Origin' header has a value '%s' that is not equal to the supplied"
          + " origin."
          + CorsError.NO_CORS_INFORMATION),
  INVALID_ALLOW_CREDENTIALS(
      "InvalidAllowCredentials",
      false,
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '%s' which"
          + " must be 'true' when the request's credentials mode is 'include'."),
  PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED(
      "PreflightWildcardOriginNotAllowed", true, WILDCARD_ORIGIN_NOT_ALLOWED.template),
  PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER(
      "PreflightMissingAllowOriginHeader", true, MISSING_ALLOW_ORIGIN_HEADER.template),
  PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES(
      "PreflightMultipleAllowOriginValues", true, MULTIPLE_ALLOW_ORIGIN_VALUES.template),
  PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE(
      "PreflightInvalidAllowOriginValue", true, INVALID_ALLOW_ORIGIN_VALUE.template),
  PREFLIGHT_ALLOW_ORIGIN_MISMATCH(
      "PreflightAllowOriginMismatch", true, ALLOW_ORIGIN_MISMATCH.template),
  PREFLIGHT_INVALID_ALLOW_CREDENTIALS(
      "PreflightInvalidAllowCredentials", true, INVALID_ALLOW_CREDENTIALS.template),
  PREFLIGHT_INVALID_STATUS("PreflightInvalidStatus", true, "It does not have HTTP ok status."),
  PREFLIGHT_DISALLOWED_REDIRECT(
      "PreflightDisallowedRedirect", true, "Redirect is not allowed for a preflight request."),
  INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE(
      "InvalidAllowMethodsPreflightResponse",
      false,
      "Cannot parse Access-Control-Allow-Methods response header field in preflight response."),
  INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE(
      "InvalidAllowHeadersPreflightResponse",
      false,
      "Cannot parse Access-Control-Allow-Headers response header field in preflight response."),
  METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE(
      "MethodDisallowedByPreflightResponse",
      false,
      "Method %s is not allowed by Access-Control-Allow-Methods in preflight response."),
  HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE(
      "HeaderDisallowedByPreflightResponse",
      false,
      "Request header field %s is not allowed by Access-Control-Allow-Headers in preflight"
          + " response."),
  REDIRECT_CONTAINS_CREDENTIALS(
      "RedirectContainsCredentials",
      false,
      "Redirect location '%s' contains a username and password, which is disallowed for"
          + " cross-origin requests.");

  /** The ending Chromium adds for fetch() to the three "bad value" errors. */
  static final String NO_CORS_INFORMATION = " Have the server send the header with a valid value.";

  static final String PREFLIGHT_PREFIX =
      "Response to preflight request doesn't pass access control check: ";

  /** The mojom name without its {@code k}, used as the JSON error code. */
  final String code;

  /** Whether Chromium prefixes the sentence with {@link #PREFLIGHT_PREFIX}. */
  final boolean preflight;

  final String template;

  CorsError(String code, boolean preflight, String template) {
    this.code = code;
    this.preflight = preflight;
    this.template = template;
  }

  /** The preflight flavour of an access-check error (CheckPreflightAccess does the same). */
  CorsError forPreflight() {
    switch (this) {
      case WILDCARD_ORIGIN_NOT_ALLOWED:
        return PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED;
      case MISSING_ALLOW_ORIGIN_HEADER:
        return PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER;
      case MULTIPLE_ALLOW_ORIGIN_VALUES:
        return PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES;
      case INVALID_ALLOW_ORIGIN_VALUE:
        return PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE;
      case ALLOW_ORIGIN_MISMATCH:
        return PREFLIGHT_ALLOW_ORIGIN_MISMATCH;
      case INVALID_ALLOW_CREDENTIALS:
        return PREFLIGHT_INVALID_ALLOW_CREDENTIALS;
      default:
        return this;
    }
  }

  /** The sentence after "has been blocked by CORS policy: ", with the hint filled in. */
  String sentence(String hint) {
    String body = template.contains("%s") ? template.replace("%s", encodeHint(hint)) : template;
    return preflight ? PREFLIGHT_PREFIX + body : body;
  }

  /**
   * The whole console message, from "Access to fetch at" to the end.
   *
   * @param initialUrl the URL fetch() was called with
   * @param lastUrl the URL of the request that failed (differs after redirects)
   * @param origin the page's serialised origin
   */
  String message(String initialUrl, String lastUrl, String origin, String hint) {
    StringBuilder b = new StringBuilder("Access to fetch at '").append(lastUrl).append("' ");
    if (!initialUrl.equals(lastUrl)) {
      b.append("(redirected from '").append(initialUrl).append("') ");
    }
    return b.append("from origin '")
        .append(origin)
        .append("' has been blocked by CORS policy: ")
        .append(sentence(hint))
        .toString();
  }

  /** Chromium's EncodeHint: printable ASCII as is, anything else as {@code \\uXXXX}. */
  static String encodeHint(String hint) {
    if (hint == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hint.length(); i++) {
      char c = hint.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04X", (int) c));
      }
    }
    return b.toString();
  }
}
