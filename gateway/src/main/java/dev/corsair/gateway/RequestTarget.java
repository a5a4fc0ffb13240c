package dev.corsair.gateway;

/** Request-target helpers (RFC 9112 section 3.2). */
final class RequestTarget {
  private RequestTarget() {}

  /** The request target in origin form ({@code /path?query}), also for an absolute-form one. */
  static String originForm(String uri) {
    if (uri.startsWith("/")) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    if (scheme > 0) {
      int slash = uri.indexOf('/', scheme + 3);
      int q = uri.indexOf('?', scheme + 3);
      if (slash < 0 || (q >= 0 && q < slash)) {
        return q < 0 ? "/" : "/" + uri.substring(q);
      }
      return uri.substring(slash);
    }
    return uri;
  }

  /** The path of a request target, without query or fragment. */
  static String pathOf(String target) {
    int end = target.length();
    for (int i = 0; i < end; i++) {
      char c = target.charAt(i);
      if (c == '?' || c == '#') {
        return target.substring(0, i);
      }
    }
    return target;
  }
}
