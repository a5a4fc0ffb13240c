package dev.corsair;

import java.util.Locale;

/**
 * Checks a preflight's {@code Access-Control-Request-Headers} against a policy's allowed names in
 * one bounded pass (RFC 9110 list syntax: optional whitespace and empty elements tolerated, at most
 * {@link #MAX_ELEMENTS} elements examined), allocating nothing when the list is clean.
 */
final class RequestHeaderList {
  private RequestHeaderList() {}

  /** At most this many elements are examined; a longer list is refused as malformed. */
  static final int MAX_ELEMENTS = 128;

  /**
   * The outcome: the {@code Access-Control-Allow-Headers} value to send (see {@link
   * #allowHeadersFor}; null when no names were requested), or the reason the list is refused and
   * the refused name or a detail.
   */
  record Result(String allowHeaders, Rejection.Reason refusal, String detail) {
    static final Result NO_NAMES = new Result(null, null, null);

    /** Allowed, and already clean: the request's own list is echoed (nothing allocated). */
    static final Result ECHO = new Result(null, null, null);

    static final Result MALFORMED = new Result(null, Rejection.Reason.HEADERS_MALFORMED, null);
    static final Result TOO_LONG =
        new Result(
            null, Rejection.Reason.HEADERS_MALFORMED, "more than " + MAX_ELEMENTS + " elements");

    static Result allowed(String allowHeaders) {
      return new Result(allowHeaders, null, null);
    }

    static Result notAllowed(String name) {
      return new Result(null, Rejection.Reason.HEADER_NOT_ALLOWED, name);
    }

    boolean isRefused() {
      return refusal != null;
    }

    /** The {@code Access-Control-Allow-Headers} value for the checked {@code list}, or null. */
    String allowHeadersFor(String list) {
      return this == ECHO ? list : allowHeaders;
    }
  }

  /**
   * Checks {@code list}. With {@code anyHeader} every token passes, except a literal {@code *} when
   * {@code credentials} (it would have to be echoed); otherwise each name must be in {@code
   * allowed}. The allowed value is the request's own string when it is already clean (tokens
   * separated by {@code ,} or {@code , }), else the names joined with {@code ,}.
   */
  static Result check(String list, boolean anyHeader, boolean credentials, HeaderNameSet allowed) {
    int n = list.length();
    int i = 0;
    int elements = 0;
    int names = 0;
    boolean clean = true;
    while (true) {
      int comma = list.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      if (++elements > MAX_ELEMENTS) {
        return Result.TOO_LONG;
      }
      int s = i;
      int e = end;
      while (s < e && isOws(list.charAt(s))) s++;
      while (e > s && isOws(list.charAt(e - 1))) e--;
      if (s == e) {
        clean = false;
      } else {
        if (!Text.isToken(list, s, e)) {
          return Result.MALFORMED;
        }
        boolean star = e - s == 1 && list.charAt(s) == '*';
        if (anyHeader ? credentials && star : !allowed.contains(list, s, e)) {
          return Result.notAllowed(list.substring(s, e).toLowerCase(Locale.ROOT));
        }
        names++;
        if (e != end || !(s == i || (s == i + 1 && i > 0 && list.charAt(i) == ' '))) {
          clean = false;
        }
      }
      if (comma < 0) {
        break;
      }
      i = comma + 1;
    }
    if (names == 0) {
      return Result.NO_NAMES;
    }
    return clean ? Result.ECHO : Result.allowed(normalized(list));
  }

  private static String normalized(String list) {
    StringBuilder b = new StringBuilder(list.length());
    for (String part : list.split(",")) {
      String t = part.strip();
      if (!t.isEmpty()) {
        if (b.length() > 0) b.append(',');
        b.append(t);
      }
    }
    return b.toString();
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
