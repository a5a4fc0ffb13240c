package dev.corsair.check;

import dev.corsair.check.Http.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a page calls: {@code fetch(url, {method, headers, credentials})} from {@code origin}, after
 * the normalisation fetch() itself applies (method upper-casing, forbidden headers dropped, values
 * trimmed, repeated names combined).
 */
final class Fetch {
  /** fetch() upper-cases these methods (any case) and leaves every other method as written. */
  private static final Set<String> NORMALIZED =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");

  private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "accept-charset",
          "accept-encoding",
          "access-control-request-headers",
          "access-control-request-method",
          "connection",
          "content-length",
          "cookie",
          "cookie2",
          "date",
          "dnt",
          "expect",
          "host",
          "keep-alive",
          "origin",
          "referer",
          "set-cookie",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "via");

  final URI url;
  final String origin;
  final String method;
  final List<Field> headers;

  /** The headers as Firefox sends them: a name given twice carries its last value alone. */
  final List<Field> lastValues;

  final boolean credentials;
  final List<String> dropped;

  private Fetch(
      URI url,
      String origin,
      String method,
      List<Field> headers,
      List<Field> lastValues,
      boolean credentials,
      List<String> dropped) {
    this.url = url;
    this.origin = origin;
    this.method = method;
    this.headers = List.copyOf(headers);
    this.lastValues = List.copyOf(lastValues);
    this.credentials = credentials;
    this.dropped = List.copyOf(dropped);
  }

  /**
   * Validates and normalises a call as fetch() would.
   *
   * @throws IllegalArgumentException with a message saying what to change, where fetch() would
   *     throw a TypeError or the input is not a URL/origin
   */
  static Fetch of(
      String url, String origin, String method, List<Field> rawHeaders, boolean credentials) {
    URI u = parseUrl(url);
    String o = parseOrigin(origin);
    if (!Http.isToken(method)) {
      throw new IllegalArgumentException(
          "-X " + method + ": a method must be an HTTP token (letters, digits, !#$%&'*+-.^_`|~)");
    }
    String upper = method.toUpperCase(Locale.ROOT);
    if (FORBIDDEN_METHODS.contains(upper)) {
      throw new IllegalArgumentException(
          "-X " + method + ": fetch() refuses the method " + upper + " (browsers never send it)");
    }
    String m = NORMALIZED.contains(upper) ? upper : method;
    List<Field> headers = new ArrayList<>();
    List<Field> lastValues = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Field f : rawHeaders) {
      if (!Http.isToken(f.name())) {
        throw new IllegalArgumentException(
            "-H '" + f + "': a header name must be an HTTP token, as in -H 'X-Api-Key: abc'");
      }
      String value = trimHttpWhitespace(f.value());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
          throw new IllegalArgumentException(
              "-H '" + f.name() + "': the value holds a character fetch() refuses");
        }
      }
      if (isForbidden(f.name(), value)) {
        dropped.add(f.name());
        continue;
      }
      combine(headers, new Field(f.name(), value));
      lastValues.removeIf(h -> h.name().equalsIgnoreCase(f.name()));
      lastValues.add(new Field(f.name(), value));
    }
    return new Fetch(u, o, m, headers, lastValues, credentials, dropped);
  }

  private static void combine(List<Field> headers, Field f) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).name().equalsIgnoreCase(f.name())) {
        headers.set(i, new Field(headers.get(i).name(), headers.get(i).value() + ", " + f.value()));
        return;
      }
    }
    headers.add(f);
  }

  static boolean isForbidden(String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    if (FORBIDDEN_HEADERS.contains(n) || n.startsWith("proxy-") || n.startsWith("sec-")) {
      return true;
    }
    if (n.equals("x-http-method")
        || n.equals("x-http-method-override")
        || n.equals("x-method-override")) {
      for (String v : value.split(",", -1)) {
        if (FORBIDDEN_METHODS.contains(v.trim().toUpperCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  static URI parseUrl(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("URL " + url + " is not a valid URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException(
          "URL "
              + url
              + ": give an absolute http:// or https:// URL, as in http://localhost:3000/api");
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "URL "
              + url
              + ": fetch() refuses URLs with a user name or password; send an"
              + " Authorization header with -H instead");
    }
    return u;
  }

  /** Accepts a serialised origin ({@code scheme://host[:port]}) or {@code null}. */
  static String parseOrigin(String origin) {
    if (origin.equals("null")) {
      return origin;
    }
    URI u;
    try {
      u = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      u = null;
    }
    boolean ok =
        u != null
            && u.getScheme() != null
            && u.getHost() != null
            && u.getRawUserInfo() == null
            && (u.getRawPath() == null || u.getRawPath().isEmpty())
            && u.getRawQuery() == null
            && u.getRawFragment() == null;
    if (!ok) {
      throw new IllegalArgumentException(
          "--origin "
              + origin
              + ": give the page's origin as scheme://host[:port] without a path, as in"
              + " http://localhost:5173");
    }
    return Http.originOf(u);
  }

  static String trimHttpWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isHttpWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isHttpWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isHttpWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
