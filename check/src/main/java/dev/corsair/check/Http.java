package dev.corsair.check;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTTP values the browser model exchanges: header fields, requests and responses. */
final class Http {
  private Http() {}

  /** One header line as sent or received. */
  record Field(String name, String value) {
    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /** A request the model sends. */
  record Request(String method, URI url, List<Field> headers) {
    Request {
      headers = List.copyOf(headers);
    }
  }

  /** A response as received: status, every header line (repeats kept) and the body's start. */
  record Response(int status, List<Field> headers, String body) {
    Response {
      headers = List.copyOf(headers);
    }

    Response(int status, List<Field> headers) {
      this(status, headers, "");
    }

    /**
     * The value Chromium reads for {@code name}: absent is null, several lines are joined with ", "
     * (as {@code net::HttpResponseHeaders::GetNormalizedHeader} does).
     */
    String get(String name) {
      List<String> values = all(name);
      return values.isEmpty() ? null : String.join(", ", values);
    }

    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (Field f : headers) {
        if (f.name().equalsIgnoreCase(name)) {
          values.add(f.value());
        }
      }
      return values;
    }

    /** Whether Chromium's network stack follows this response as a redirect. */
    boolean isRedirect() {
      return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
          && get("Location") != null;
    }
  }

  /**
   * One round trip: a request and its response, labelled with what it was for ("preflight",
   * "actual" or "redirected").
   */
  record RoundTrip(String kind, Request request, Response response) {}

  /** Sends one request without following redirects. */
  interface Transport {
    Response send(Request request) throws java.io.IOException;
  }

  /**
   * The canonical spelling Chromium prints for a URL (lower-case scheme and host, no default port,
   * path "/" at least).
   */
  static String canonical(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(scheme).append("://");
    if (url.getRawUserInfo() != null) {
      b.append(url.getRawUserInfo()).append('@');
    }
    b.append(url.getHost().toLowerCase(Locale.ROOT));
    int port = url.getPort();
    if (port != -1 && port != defaultPort(scheme)) {
      b.append(':').append(port);
    }
    String path = url.getRawPath();
    b.append(path == null || path.isEmpty() ? "/" : path);
    if (url.getRawQuery() != null) {
      b.append('?').append(url.getRawQuery());
    }
    return b.toString();
  }

  /** The serialised origin of an http(s) URL: {@code scheme://host[:port]}. */
  static String originOf(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    return scheme + "://" + host + (port == -1 || port == defaultPort(scheme) ? "" : ":" + port);
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
  }

  /** RFC 9110 token. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
