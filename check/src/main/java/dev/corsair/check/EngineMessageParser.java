package dev.corsair.check;

import dev.corsair.check.ExplainCommand.Parsed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Firefox's and Safari's CORS console messages back into the Chromium {@link CorsError} of
 * the same cause, from the same tables {@code check} prints them with ({@link FirefoxMessage},
 * {@link WebKitMessage}), plus the older Firefox wordings still seen in tutorials.
 */
final class EngineMessageParser {
  private EngineMessageParser() {}

  private static final Pattern FIREFOX_URL =
      Pattern.compile("disallows reading the remote resource at [‘']?(\\S+?)[’']?\\. \\(Reason:");

  private static final Pattern FIREFOX_STATUS = Pattern.compile("Status code: (\\d+)");

  private static final Pattern SAFARI_URL =
      Pattern.compile(
          "(?:Fetch API|XMLHttpRequest) cannot load (\\S+) due to access control checks");

  /** Firefox's reasons before the present wording, with the error they name. */
  private static final Object[][] FIREFOX_LEGACY = {
    {
      "missing token '(.*?)' in CORS header 'Access-Control-Allow-Headers'",
      CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE
    },
  };

  /** A Firefox message (any part with "(Reason: ...)"), or null. */
  static Parsed firefox(String text) {
    String t = text.replace('‘', '\'').replace('’', '\'');
    if (!t.contains("(Reason:")) {
      return null;
    }
    String url = group(FIREFOX_URL, t);
    String status = group(FIREFOX_STATUS, t);
    for (FirefoxMessage m : FirefoxMessage.values()) {
      CorsError error = firefoxError(m);
      if (error == null) {
        continue;
      }
      String hint = match(m.reason.replace('‘', '\'').replace('’', '\''), "%2$S", t);
      if (hint != null) {
        if (m == FirefoxMessage.CORS_PREFLIGHT_DID_NOT_SUCCEED
            || m == FirefoxMessage.CORS_MISSING_ALLOW_ORIGIN) {
          hint = m == FirefoxMessage.CORS_PREFLIGHT_DID_NOT_SUCCEED ? hint : "";
        }
        return new Parsed(error, hint, url, null, null, status, Engine.FIREFOX, m.key);
      }
    }
    for (Object[] legacy : FIREFOX_LEGACY) {
      Matcher m = Pattern.compile((String) legacy[0]).matcher(t);
      if (m.find()) {
        return new Parsed(
            (CorsError) legacy[1], m.group(1), url, null, null, status, Engine.FIREFOX, null);
      }
    }
    return null;
  }

  /** The Chromium error of a Firefox reason; null for the reasons that are not a CORS refusal. */
  static CorsError firefoxError(FirefoxMessage m) {
    switch (m) {
      case CORS_EXTERNAL_REDIRECT_NOT_ALLOWED:
        return CorsError.PREFLIGHT_DISALLOWED_REDIRECT;
      case CORS_MISSING_ALLOW_ORIGIN:
        return CorsError.MISSING_ALLOW_ORIGIN_HEADER;
      case CORS_MULTIPLE_ALLOW_ORIGIN_NOT_ALLOWED:
        return CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES;
      case CORS_ALLOW_ORIGIN_NOT_MATCHING_ORIGIN:
        return CorsError.ALLOW_ORIGIN_MISMATCH;
      case CORS_NOT_SUPPORTING_CREDENTIALS:
        return CorsError.WILDCARD_ORIGIN_NOT_ALLOWED;
      case CORS_METHOD_NOT_FOUND:
        return CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE;
      case CORS_MISSING_ALLOW_CREDENTIALS:
        return CorsError.INVALID_ALLOW_CREDENTIALS;
      case CORS_PREFLIGHT_DID_NOT_SUCCEED:
        return CorsError.PREFLIGHT_INVALID_STATUS;
      case CORS_INVALID_ALLOW_METHOD:
        return CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE;
      case CORS_INVALID_ALLOW_HEADER:
        return CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE;
      case CORS_MISSING_ALLOW_HEADER_FROM_PREFLIGHT:
        return CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE;
      default:
        return null;
    }
  }

  /**
   * A Safari (WebKit) message: its reason line, its "Fetch API cannot load URL" line, or both. Only
   * the second line: the error is null (the reason was on the line before).
   */
  static Parsed safari(String text) {
    String t = text.replaceAll("\\[(?:Error|Warning)\\]", " ").replaceAll("\\s+", " ").trim();
    String url = group(SAFARI_URL, t);
    String redirectedTo = null;
    Matcher redirect =
        Pattern.compile(
                "Cross-origin redirection to (\\S+) denied by Cross-Origin Resource Sharing"
                    + " policy: (.*)")
            .matcher(t);
    if (redirect.find()) {
      redirectedTo = redirect.group(1);
      t = redirect.group(2);
    }
    for (WebKitMessage m : WebKitMessage.values()) {
      if (m == WebKitMessage.REDIRECT_DENIED) {
        continue;
      }
      String[] params = matchAll(m.template, t);
      if (params == null) {
        continue;
      }
      CorsError error = safariError(m);
      String hint = params.length == 0 ? "" : params[0];
      String origin = m == WebKitMessage.ORIGIN_NOT_ALLOWED ? params[0] : null;
      String status =
          m == WebKitMessage.ORIGIN_NOT_ALLOWED
              ? params[1]
              : m == WebKitMessage.PREFLIGHT_NOT_SUCCESSFUL ? params[0] : null;
      Parsed p = new Parsed(error, hint, url, null, origin, status, Engine.SAFARI, m.name());
      return redirectedTo == null ? p : p.redirectedTo(redirectedTo);
    }
    if (url != null) {
      return new Parsed(null, "", url, null, null, null, Engine.SAFARI, null);
    }
    return null;
  }

  static CorsError safariError(WebKitMessage m) {
    switch (m) {
      case ORIGIN_NOT_ALLOWED:
        return CorsError.ALLOW_ORIGIN_MISMATCH;
      case WILDCARD_WITH_CREDENTIALS:
        return CorsError.WILDCARD_ORIGIN_NOT_ALLOWED;
      case MULTIPLE_ORIGINS:
        return CorsError.MULTIPLE_ALLOW_ORIGIN_VALUES;
      case CREDENTIALS_NOT_TRUE:
        return CorsError.INVALID_ALLOW_CREDENTIALS;
      case PREFLIGHT_NOT_SUCCESSFUL:
        return CorsError.PREFLIGHT_INVALID_STATUS;
      case PREFLIGHT_REDIRECTED:
        return CorsError.PREFLIGHT_DISALLOWED_REDIRECT;
      case INVALID_ALLOW_METHODS:
        return CorsError.INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE;
      case INVALID_ALLOW_HEADERS:
        return CorsError.INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE;
      case METHOD_NOT_ALLOWED:
        return CorsError.METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE;
      case HEADER_NOT_ALLOWED:
        return CorsError.HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE;
      default:
        return CorsError.REDIRECT_CONTAINS_CREDENTIALS;
    }
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The text standing for {@code placeholder} where {@code template} occurs in text, or null. */
  private static String match(String template, String placeholder, String text) {
    // Pasted lines often lose the final period.
    String t = template.endsWith(".") ? template.substring(0, template.length() - 1) : template;
    int at = t.indexOf(placeholder);
    if (at < 0) {
      return text.contains(t) ? "" : null;
    }
    String after = t.substring(at + placeholder.length());
    Matcher m =
        Pattern.compile(
                Pattern.quote(t.substring(0, at))
                    + (after.isEmpty() ? "(\\S+?)\\.?(?=\\s|$)" : "(.*?)" + Pattern.quote(after)))
            .matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** Every {@code %s} of a WebKit template where it occurs in text, or null. */
  private static String[] matchAll(String template, String text) {
    String[] parts = template.split("%s", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(
            i == parts.length - 1 && parts[i].isEmpty()
                ? "(.*?)(?= (?:Fetch API|XMLHttpRequest) cannot load|$)"
                : "(.*?)");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    // A template without a period at the end is the whole line: it must not be a prefix of a
    // longer message ("Preflight response is not successful" vs "... Status code: 404").
    String suffix = template.endsWith(".") || template.endsWith("%s") ? "" : "(?!\\. Status code)";
    Matcher m = Pattern.compile(regex + suffix).matcher(text);
    if (!m.find()) {
      return null;
    }
    String[] out = new String[m.groupCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.group(i + 1);
    }
    return out;
  }

  /** The URL and status of any Firefox CORS line, without its reason. */
  static Parsed firefoxUrl(String text) {
    String t = text.replace('‘', '\'').replace('’', '\'');
    return new Parsed(
        null,
        "",
        group(FIREFOX_URL, t),
        null,
        null,
        group(FIREFOX_STATUS, t),
        Engine.FIREFOX,
        FirefoxMessage.CORS_DID_NOT_SUCCEED.key);
  }
}
