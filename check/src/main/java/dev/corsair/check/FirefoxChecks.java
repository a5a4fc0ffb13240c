package dev.corsair.check;

import dev.corsair.check.Browser.Failure;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Firefox's CORS checks ({@code nsCORSListenerProxy.cpp}), in its order, with its messages. Each
 * failure keeps the Chromium {@link CorsError} of the same cause (for the reason and the fix) and
 * carries Firefox's console line.
 */
final class FirefoxChecks {
  private FirefoxChecks() {}

  /**
   * CheckRequestApproved: a missing Access-Control-Allow-Origin, then {@code *} with credentials,
   * then a value other than the origin, then Access-Control-Allow-Credentials.
   */
  static Failure checkAccess(Response r, boolean credentials, String origin, String url) {
    Failure chromium = Browser.checkAccess(r, credentials, origin);
    // Firefox merges repeated lines (a, b) before its duplicate check sees them, so over HTTP/1.1
    // two lines fail as "does not match 'a, b'" and CORSMultipleAllowOriginNotAllowed is not seen.
    String allowOrigin = r.get("Access-Control-Allow-Origin");
    if (allowOrigin == null) {
      return failure(
          chromium,
          CorsError.MISSING_ALLOW_ORIGIN_HEADER,
          null,
          FirefoxMessage.CORS_MISSING_ALLOW_ORIGIN.format(url, String.valueOf(r.status())));
    }
    if (credentials && allowOrigin.equals("*")) {
      return failure(
          chromium,
          CorsError.WILDCARD_ORIGIN_NOT_ALLOWED,
          null,
          FirefoxMessage.CORS_NOT_SUPPORTING_CREDENTIALS.format(url, null));
    }
    if ((credentials || !allowOrigin.equals("*")) && !allowOrigin.equals(origin)) {
      return failure(
          chromium,
          CorsError.ALLOW_ORIGIN_MISMATCH,
          allowOrigin,
          FirefoxMessage.CORS_ALLOW_ORIGIN_NOT_MATCHING_ORIGIN.format(url, utf8(allowOrigin)));
    }
    if (credentials && !"true".equals(r.get("Access-Control-Allow-Credentials"))) {
      String acac = r.get("Access-Control-Allow-Credentials");
      return failure(
          chromium,
          CorsError.INVALID_ALLOW_CREDENTIALS,
          acac == null ? "" : acac,
          FirefoxMessage.CORS_MISSING_ALLOW_CREDENTIALS.format(url, null));
    }
    return null;
  }

  /**
   * The preflight: the access check first (even on a redirect), then a redirect, the 2xx status,
   * each Access-Control-Allow-Methods token and the method, each Access-Control-Allow-Headers token
   * and the unsafe headers in the sorted, lower-case order of Access-Control-Request-Headers.
   */
  static Failure checkPreflight(
      Response r,
      String method,
      List<Field> headers,
      boolean credentials,
      String origin,
      String url) {
    Failure access = checkAccess(r, credentials, origin, url);
    if (access != null) {
      return new Failure(access.error().forPreflight(), access.hint(), access.text());
    }
    if (r.isRedirect()) {
      return new Failure(
          CorsError.PREFLIGHT_DISALLOWED_REDIRECT,
          null,
          FirefoxMessage.CORS_EXTERNAL_REDIRECT_NOT_ALLOWED.format(url, null));
    }
    if (r.status() < 200 || r.status() > 299) {
      return new Failure(
          CorsError.PREFLIGHT_INVALID_STATUS,
          String.valueOf(r.status()),
          FirefoxMessage.CORS_PREFLIGHT_DID_NOT_SUCCEED.format(url, String.valueOf(r.status())));
    }
    boolean methodFound = Safelist.isSafelistedMethod(method);
    for (String token : tokens(r.get("Access-Control-Allow-Methods"))) {
      if (!Http.isToken(token)) {
        return new Failure(
            CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE,
            token,
            FirefoxMessage.CORS_INVALID_ALLOW_METHOD.format(url, token));
      }
      methodFound |= token.equals("*") ? !credentials : token.equals(method);
    }
    if (!methodFound) {
      return new Failure(
          CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
          method,
          FirefoxMessage.CORS_METHOD_NOT_FOUND.format(url, null));
    }
    List<String> allowed = new ArrayList<>();
    boolean wildcard = false;
    for (String token : tokens(r.get("Access-Control-Allow-Headers"))) {
      if (!Http.isToken(token)) {
        return new Failure(
            CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE,
            token,
            FirefoxMessage.CORS_INVALID_ALLOW_HEADER.format(url, token));
      }
      if (token.equals("*") && !credentials) {
        wildcard = true;
      } else {
        allowed.add(token.toLowerCase(Locale.ROOT));
      }
    }
    // Safelist.unsafeNames is already lower-case, sorted and unique, as Firefox's list is.
    for (String name : Safelist.unsafeNames(headers)) {
      // With network.cors_preflight.authorization_covered_by_wildcard (on by default) `*` still
      // covers Authorization; Firefox only logs a deprecation warning.
      if (!wildcard && !allowed.contains(name)) {
        return new Failure(
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            name,
            FirefoxMessage.CORS_MISSING_ALLOW_HEADER_FROM_PREFLIGHT.format(url, name));
      }
    }
    return null;
  }

  /** A header value as Firefox prints it: its bytes read as UTF-8, bad sequences as U+FFFD. */
  static String utf8(String latin1) {
    return new String(
        latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** nsCCharSeparatedTokenizer on ',': whitespace around each token trimmed, empty ones skipped. */
  static List<String> tokens(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      String t = part.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Keeps Chromium's classification when it names the same cause (an invalid value is still an
   * invalid value), else the given one.
   */
  private static Failure failure(Failure chromium, CorsError fallback, String hint, String text) {
    if (chromium != null && sameCause(chromium.error(), fallback)) {
      return new Failure(chromium.error(), chromium.hint(), text);
    }
    return new Failure(fallback, hint, text);
  }

  private static boolean sameCause(CorsError chromium, CorsError firefox) {
    if (firefox == CorsError.ALLOW_ORIGIN_MISMATCH
        || firefox == CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES) {
      return chromium == CorsError.ALLOW_ORIGIN_MISMATCH
          || chromium == CorsError.INVALID_ALLOW_ORIGIN_VALUE
          || chromium == CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES;
    }
    return chromium == firefox;
  }

  /**
   * A redirect to a URL with user:password@ on a cross-origin request: Firefox fails the channel
   * without a reason of its own, so only "CORS request did not succeed" is logged.
   */
  static Failure redirectWithCredentials(String url) {
    return new Failure(
        CorsError.REDIRECT_CONTAINS_CREDENTIALS,
        "",
        FirefoxMessage.CORS_DID_NOT_SUCCEED.format(url, "(null)"));
  }
}
