package dev.corsair.export;

import dev.corsair.CorsPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One policy as the regular expressions and values every engine's configuration is made of: the
 * same checks the core makes, written once. Regexes come in two flavours: PCRE (nginx, HAProxy,
 * Apache), which needs possessive quantifiers to stay linear on hostile input, and RE2 (Caddy),
 * which is linear by construction but has no lookaround.
 */
final class Rules {
  /** The characters of an HTTP token (RFC 9110), as a regex class. */
  static final String TCHAR = "[!#$%&'*+.^_`|~0-9A-Za-z-]";

  /** At most this many elements of Access-Control-Request-Headers are examined (as the core). */
  static final int MAX_REQUEST_HEADERS = 128;

  /** A port 1..65535 without leading zeros, as the core parses it. */
  static final String PORT =
      "(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";

  static final String BODY_ORIGIN = "CORS preflight rejected: origin not allowed\n";
  static final String BODY_METHOD = "CORS preflight rejected: method not allowed\n";
  static final String BODY_METHOD_MALFORMED = "CORS preflight rejected: method malformed\n";
  static final String BODY_HEADERS_MALFORMED = "CORS preflight rejected: header list malformed\n";
  static final String BODY_PRIVATE_NETWORK =
      "CORS preflight rejected: private network access not allowed\n";
  static final String BODY_WEBSOCKET =
      "WebSocket upgrade refused: origin not allowed by the CORS policy\n";
  static final String BODY_HEADER_PREFIX = "CORS preflight rejected: header ";
  static final String BODY_HEADER_SUFFIX = " not allowed\n";
  static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  /** The CORS response headers an upstream may send; they are replaced under a policy. */
  static final List<String> RESPONSE_HEADERS =
      List.of(
          "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials",
          "Access-Control-Allow-Methods",
          "Access-Control-Allow-Headers",
          "Access-Control-Expose-Headers",
          "Access-Control-Max-Age",
          "Access-Control-Allow-Private-Network");

  final CorsPolicy policy;

  /** 1-based position among the policies: the first whose paths match decides. */
  final int index;

  Rules(CorsPolicy policy, int index) {
    this.policy = policy;
    this.index = index;
  }

  static List<Rules> of(List<CorsPolicy> policies) {
    List<Rules> out = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      out.add(new Rules(policies.get(i), i + 1));
    }
    return out;
  }

  /** Any origin without credentials: every Origin gets {@code *}, nothing varies on it. */
  boolean wildcard() {
    return policy.allowsAnyOrigin() && !policy.allowsCredentials();
  }

  boolean anyMethod() {
    return policy.allowedMethods().contains("*");
  }

  boolean anyHeader() {
    return policy.allowedHeaders().contains("*");
  }

  /** The preflight's Vary. */
  String preflightVary() {
    String v = "Access-Control-Request-Method, Access-Control-Request-Headers";
    if (policy.allowsPrivateNetwork()) {
      v += ", Access-Control-Request-Private-Network";
    }
    return wildcard() ? v : "Origin, " + v;
  }

  /** The exposed headers, or null. */
  String exposeHeaders() {
    return policy.exposedHeaders().isEmpty() ? null : String.join(", ", policy.exposedHeaders());
  }

  // ------------------------------------------------------------------ regexes (both flavours)

  /** Matches a request target ({@code /path?query}, path as sent) covered by this policy. */
  String targetRegex() {
    return pathAlternation() + "(?:\\?.*)?$";
  }

  /** Matches a path as sent (no query) covered by this policy. */
  String pathRegex() {
    return pathAlternation() + "$";
  }

  private String pathAlternation() {
    List<String> alts = new ArrayList<>();
    for (String p : policy.paths()) {
      if (p.equals("/**")) {
        alts.add("/[^?]*");
      } else if (p.endsWith("/**")) {
        alts.add(quote(p.substring(0, p.length() - 3)) + "(?:/[^?]*)?");
      } else if (p.endsWith("/*")) {
        alts.add(quote(p.substring(0, p.length() - 1)) + "[^/?]+");
      } else {
        alts.add(quote(p));
      }
    }
    return "^(?:" + String.join("|", alts) + ")";
  }

  /**
   * The allowed origins as one alternation (not anchored), or null when no origin is listed (the
   * policy allows any origin). Exact origins compare byte for byte; patterns as the core: a
   * subdomain pattern needs at least one lower-case label before the domain, a port pattern matches
   * any port or none.
   */
  String originAlternation() {
    List<String> alts = new ArrayList<>();
    for (String o : policy.allowedOrigins()) {
      if (o.equals("*")) {
        continue;
      }
      if (o.equals("null")) {
        alts.add("null");
        continue;
      }
      int sep = o.indexOf("://");
      String scheme = o.substring(0, sep);
      String rest = o.substring(sep + 3);
      boolean subdomains = rest.startsWith("*.");
      if (subdomains) {
        rest = rest.substring(2);
      }
      boolean anyPort = rest.endsWith(":*");
      if (anyPort) {
        rest = rest.substring(0, rest.length() - 2);
      }
      StringBuilder b = new StringBuilder(quote(scheme)).append("://");
      if (subdomains) {
        b.append("[a-z0-9_-][a-z0-9_.-]*\\.");
      }
      b.append(quote(rest));
      if (anyPort) {
        b.append("(?::").append(PORT).append(")?");
      }
      alts.add(b.toString());
    }
    return alts.isEmpty() ? null : "(?:" + String.join("|", alts) + ")";
  }

  /** Whether an origin pattern (not an exact origin) is listed: only then does length matter. */
  boolean hasOriginPatterns() {
    return policy.allowedOrigins().stream().anyMatch(o -> !o.equals("*") && o.contains("*"));
  }

  /** The requested methods this policy allows by name (safelisted ones included), anchored. */
  String listedMethodsRegex() {
    List<String> m = new ArrayList<>(List.of("GET", "HEAD", "POST"));
    for (String x : policy.allowedMethods()) {
      if (!m.contains(x) && !x.equals("*")) {
        m.add(x);
      }
    }
    return "^(?:" + m.stream().map(Rules::quote).collect(Collectors.joining("|")) + ")$";
  }

  /** The allowed header names as a case-insensitive alternation, longest first, or null if none. */
  String headerNames() {
    List<String> names =
        policy.allowedHeaders().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Rules::quote)
            .toList();
    return names.isEmpty() ? null : "(?i:" + String.join("|", names) + ")";
  }

  // ------------------------------------------------------------------ PCRE header-list checks

  /** PCRE: one allowed (or empty) list element, possessive so hostile input stays linear. */
  private String pcreElement() {
    String name;
    if (anyHeader()) {
      name = policy.allowsCredentials() ? "(?!\\*[ \\t]*+(?:,|$))" + TCHAR + "++" : TCHAR + "++";
    } else {
      name = headerNames();
    }
    return name == null ? "[ \\t]*+" : "[ \\t]*+(?:" + name + "[ \\t]*+)?";
  }

  /** PCRE: a list whose elements are all allowed or empty, at most 128 of them. */
  String pcreHeadersAllowed() {
    String e = pcreElement();
    return "^(?:" + e + ",){0," + (MAX_REQUEST_HEADERS - 1) + "}+" + e + "$";
  }

  /**
   * PCRE: a list whose first element that is not allowed (within the first 128) is a token that is
   * not allowed; the group named {@code group} captures it (unnamed when null).
   */
  String pcreHeaderRefused(String group) {
    String e = pcreElement();
    String allowed;
    if (anyHeader()) {
      allowed = policy.allowsCredentials() ? "(?!\\*[ \\t]*+(?:,|$))" + TCHAR + "++" : TCHAR + "++";
    } else {
      allowed = headerNames();
    }
    String not = allowed == null ? "" : "(?!" + allowed + "[ \\t]*+(?:,|$))";
    return "^(?:"
        + e
        + ",){0,"
        + (MAX_REQUEST_HEADERS - 1)
        + "}+[ \\t]*+"
        + not
        + (group == null ? "(" : "(?<" + group + ">")
        + TCHAR
        + "++)[ \\t]*+(?:,|$)";
  }

  // ------------------------------------------------------------------ RE2 header-list checks

  /** RE2: an allowed header name, or null when none is (RE2 has no lookahead: no "not *"). */
  private String re2Name() {
    if (anyHeader()) {
      return policy.allowsCredentials()
          ? "(?:" + TCHAR + "{2,}|[!#$%&'+.^_`|~0-9A-Za-z-])"
          : TCHAR + "+";
    }
    return headerNames();
  }

  private String re2Element() {
    String name = re2Name();
    return name == null ? "[ \\t]*" : "[ \\t]*(?:" + name + "[ \\t]*)?";
  }

  /** RE2: a list whose elements are all allowed or empty, at most 128 of them. */
  String re2HeadersAllowed() {
    String e = re2Element();
    return "^(?:" + e + ",){0," + (MAX_REQUEST_HEADERS - 1) + "}" + e + "$";
  }

  /**
   * RE2: group 1 captures the element after the longest run of allowed or empty elements (at most
   * 127). When that element is itself allowed ({@link #re2NameAllowed}), the list is malformed (a
   * non-token element, or more than 128); otherwise it is the refused header.
   */
  String re2HeaderCandidate() {
    return "^(?:"
        + re2Element()
        + ",){0,"
        + (MAX_REQUEST_HEADERS - 1)
        + "}[ \\t]*("
        + TCHAR
        + "+)[ \\t]*(?:,|$)";
  }

  /** RE2: a whole string that is an allowed header name, or null when none is. */
  String re2NameAllowed() {
    String name = re2Name();
    return name == null ? null : "^" + name + "$";
  }

  /** A list that names no header (absent, empty, or only empty elements). */
  static final String HEADERS_NONE = "^[ \\t,]*$";

  /** A list the core echoes as sent: tokens separated by a comma and at most one space. */
  static final String HEADERS_CLEAN = "^" + TCHAR + "+(?:, ?" + TCHAR + "+)*$";

  /** Quotes a literal for a regex: every character that is not a letter or digit is escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        b.append(c);
      } else if (c < 128) {
        b.append('\\').append(c);
      } else {
        b.append(String.format("\\x{%x}", (int) c));
      }
    }
    return b.toString();
  }
}
