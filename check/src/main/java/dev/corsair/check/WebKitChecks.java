package dev.corsair.check;

import dev.corsair.check.Browser.Failure;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Response;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WebKit's CORS checks ({@code passesAccessControlCheck}, {@code validatePreflightResponse}), in
 * its order, with its reason lines. Each failure keeps the Chromium {@link CorsError} of the same
 * cause (for the reason and the fix) and carries WebKit's line.
 */
final class WebKitChecks {
  private WebKitChecks() {}

  /**
   * passesAccessControlCheck: {@code *} passes without credentials; any other value that is not the
   * origin fails as "wildcard", "more than one origin" (a comma) or "Origin X is not allowed"
   * (absent included); then Access-Control-Allow-Credentials.
   */
  static Failure checkAccess(Response r, boolean credentials, String origin) {
    Failure chromium = Browser.checkAccess(r, credentials, origin);
    String allowOrigin = r.get("Access-Control-Allow-Origin");
    String value = allowOrigin == null ? "" : allowOrigin;
    if (value.equals("*") && !credentials) {
      return null;
    }
    if (!value.equals(origin)) {
      CorsError error = chromium == null ? CorsError.ALLOW_ORIGIN_MISMATCH : chromium.error();
      String hint = chromium == null ? value : chromium.hint();
      if (value.equals("*")) {
        return new Failure(error, hint, WebKitMessage.WILDCARD_WITH_CREDENTIALS.format());
      }
      if (value.indexOf(',') >= 0) {
        return new Failure(error, hint, WebKitMessage.MULTIPLE_ORIGINS.format());
      }
      return new Failure(
          error, hint, WebKitMessage.ORIGIN_NOT_ALLOWED.format(origin, String.valueOf(r.status())));
    }
    if (credentials && !"true".equals(r.get("Access-Control-Allow-Credentials"))) {
      String acac = r.get("Access-Control-Allow-Credentials");
      return new Failure(
          CorsError.INVALID_ALLOW_CREDENTIALS,
          acac == null ? "" : acac,
          WebKitMessage.CREDENTIALS_NOT_TRUE.format());
    }
    return null;
  }

  /**
   * The preflight: the 2xx status first (a redirect included, before any header), the access check,
   * the parsing of Access-Control-Allow-Methods and -Headers, the method, then the unsafe headers
   * in the order the page set them.
   */
  static Failure checkPreflight(
      Response r, String method, List<Field> headers, boolean credentials, String origin) {
    if (r.status() < 200 || r.status() > 299) {
      // WebKitGTK 2.50 does not follow a preflight's redirect: it fails as any other status.
      return new Failure(
          r.isRedirect()
              ? CorsError.PREFLIGHT_DISALLOWED_REDIRECT
              : CorsError.PREFLIGHT_INVALID_STATUS,
          String.valueOf(r.status()),
          WebKitMessage.PREFLIGHT_NOT_SUCCESSFUL.format(String.valueOf(r.status())));
    }
    Failure access = checkAccess(r, credentials, origin);
    if (access != null) {
      return new Failure(access.error().forPreflight(), access.hint(), access.text());
    }
    String acam = r.get("Access-Control-Allow-Methods");
    Set<String> methods = Browser.parseList(acam, false);
    if (methods == null) {
      return new Failure(
          CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE,
          acam,
          WebKitMessage.INVALID_ALLOW_METHODS.format(acam));
    }
    String acah = r.get("Access-Control-Allow-Headers");
    Set<String> allowHeaders = Browser.parseList(acah, true);
    if (allowHeaders == null) {
      return new Failure(
          CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE,
          acah,
          WebKitMessage.INVALID_ALLOW_HEADERS.format(acah));
    }
    boolean methodOk =
        Safelist.isSafelistedMethod(method)
            || methods.contains(method)
            || (!credentials && methods.contains("*"));
    if (!methodOk) {
      return new Failure(
          CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE,
          method,
          WebKitMessage.METHOD_NOT_ALLOWED.format(method));
    }
    if (!credentials && allowHeaders.contains("*")) {
      return null;
    }
    List<String> unsafe = Safelist.unsafeNames(headers);
    for (Field h : headers) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (unsafe.contains(name) && !allowHeaders.contains(name)) {
        return new Failure(
            CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE,
            name,
            WebKitMessage.HEADER_NOT_ALLOWED.format(h.name()));
      }
    }
    return null;
  }

  /** A failed check of a redirect response, as WebKit words it (naming the redirect's target). */
  static Failure onRedirect(Failure access, String next) {
    return new Failure(
        access.error(), access.hint(), WebKitMessage.REDIRECT_DENIED.format(next, access.text()));
  }

  /** A redirect's target as WebKit names it: without its user information. */
  static String serialize(java.net.URI url) {
    String canonical = Http.canonical(url);
    String userInfo = url.getRawUserInfo();
    return userInfo == null ? canonical : canonical.replace(userInfo + "@", "");
  }

  /** A redirect to a URL with user:password@, refused on a cross-origin request. */
  static Failure redirectWithCredentials(java.net.URI next) {
    return new Failure(
        CorsError.REDIRECT_CONTAINS_CREDENTIALS,
        "",
        WebKitMessage.REDIRECT_DENIED.format(
            serialize(next), WebKitMessage.REDIRECT_WITH_CREDENTIALS.format(Http.canonical(next))));
  }
}
