package dev.corsair;

import java.net.IDN;
import java.util.Locale;

/**
 * One allowed-origins entry, parsed and normalised at configuration time: {@code *}, {@code null},
 * an exact origin, or a pattern ({@code https://*.example.com}, {@code http://localhost:*}).
 */
final class OriginRule {
  enum Kind {
    ANY,
    NULL,
    EXACT,
    PATTERN
  }

  static final int ANY_PORT = -2;

  final Kind kind;
  final String scheme;

  /** The host, or for a subdomain pattern the domain under the {@code *.}. */
  final String host;

  final boolean subdomains;

  /** -1 for the scheme's default, {@link #ANY_PORT} for {@code :*}. */
  final int port;

  /** The entry as corsair understands it: an exact origin's serialised form, or the pattern. */
  final String normalized;

  private OriginRule(Kind kind, String scheme, String host, boolean subdomains, int port) {
    this.kind = kind;
    this.scheme = scheme;
    this.host = host;
    this.subdomains = subdomains;
    this.port = port;
    switch (kind) {
      case ANY:
        normalized = "*";
        break;
      case NULL:
        normalized = "null";
        break;
      default:
        normalized =
            scheme
                + "://"
                + (subdomains ? "*." : "")
                + host
                + (port == ANY_PORT ? ":*" : port >= 0 ? ":" + port : "");
    }
  }

  /** Thrown by {@link #parse} with the whole message: what is wrong and the fix. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses one entry (already trimmed, not empty). */
  static OriginRule parse(String raw, boolean allowPublicSuffixPatterns) throws Invalid {
    String q = Text.quote(raw);
    if (raw.equals("*")) {
      return new OriginRule(Kind.ANY, null, null, false, -1);
    }
    if (raw.equalsIgnoreCase("null")) {
      return new OriginRule(Kind.NULL, null, null, false, -1);
    }
    if (raw.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new Invalid(
          q + " contains whitespace or control characters; an origin is scheme://host[:port]");
    }
    int sep = raw.indexOf("://");
    if (sep <= 0) {
      String fix =
          raw.startsWith("//")
              ? "https:" + raw
              : (raw.startsWith("localhost") || raw.startsWith("127.") ? "http://" : "https://")
                  + raw;
      throw new Invalid(q + " has no scheme; write it as browsers send it, e.g. '" + fix + "'");
    }
    String scheme = raw.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!Origin.isAlpha(scheme.charAt(0))
        || !scheme.chars().allMatch(c -> Origin.isSchemeChar((char) c))) {
      throw new Invalid(
          q
              + " has an invalid scheme '"
              + scheme
              + "'; use http://, https:// or an app scheme such as capacitor://");
    }
    if (scheme.equals("file")) {
      throw new Invalid(
          q
              + " is a file: URL; pages opened from file: send 'Origin: null', so list 'null' (without credentials) or serve the page over http://localhost");
    }
    String rest = raw.substring(sep + 3);
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = rest.substring(0, end);
    if (end < rest.length()) {
      String tail = rest.substring(end);
      String what =
          tail.equals("/")
              ? "a trailing slash"
              : tail.charAt(0) == '?' ? "a query" : tail.charAt(0) == '#' ? "a fragment" : "a path";
      throw new Invalid(
          q
              + " has "
              + what
              + "; browsers send the origin alone: '"
              + scheme
              + "://"
              + authority
              + "'");
    }
    if (authority.indexOf('@') >= 0) {
      throw new Invalid(
          q
              + " has user information ('...@'); browsers never send it: '"
              + scheme
              + "://"
              + authority.substring(authority.lastIndexOf('@') + 1)
              + "'");
    }
    String hostPart = authority;
    String portPart = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new Invalid(q + " has an unclosed IPv6 bracket; write e.g. 'http://[::1]:3000'");
      }
      hostPart = authority.substring(0, close + 1);
      if (close + 1 < authority.length()) {
        if (authority.charAt(close + 1) != ':') {
          throw new Invalid(
              q + " has characters after the IPv6 address; write e.g. 'http://[::1]:3000'");
        }
        portPart = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        hostPart = authority.substring(0, colon);
        portPart = authority.substring(colon + 1);
      }
    }
    int port = -1;
    if (portPart != null) {
      if (portPart.equals("*")) {
        port = ANY_PORT;
      } else {
        String digits = portPart.replaceFirst("^0+(?=\\d)", "");
        port = Origin.parsePort(digits, 0, digits.length());
        if (port < 0) {
          throw new Invalid(
              q
                  + " has an invalid port '"
                  + portPart
                  + "'; use a number from 1 to 65535, or '*' for any port");
        }
        if (port == Origin.defaultPort(scheme)) {
          port = -1;
        }
      }
    }
    boolean subdomains = false;
    String host = hostPart;
    if (host.startsWith("*.")) {
      subdomains = true;
      host = host.substring(2);
    }
    if (host.indexOf('*') >= 0) {
      throw new Invalid(
          q
              + " has '*' inside the host; '*' may only stand for whole leftmost labels, as in '"
              + scheme
              + "://*.example.com'");
    }
    if (host.isEmpty()) {
      throw new Invalid(q + " has no host; write e.g. '" + scheme + "://app.example.com'");
    }
    if (host.startsWith("[")) {
      if (subdomains
          || !host.endsWith("]")
          || host.length() < 4
          || !host.substring(1, host.length() - 1)
              .chars()
              .allMatch(c -> Origin.isHex((char) c) || c == ':' || c == '.')) {
        throw new Invalid(q + " has a malformed IPv6 host; write e.g. 'http://[::1]:3000'");
      }
      host = host.toLowerCase(Locale.ROOT);
    } else {
      String ascii;
      try {
        ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new Invalid(
            q + " has a malformed host '" + host + "'; use letters, digits, '-' and '.'");
      }
      if (ascii.endsWith(".")) {
        throw new Invalid(
            q
                + " has a host ending with '.'; browsers send '"
                + scheme
                + "://"
                + ascii.substring(0, ascii.length() - 1)
                + "'");
      }
      for (String label : ascii.split("\\.", -1)) {
        if (label.isEmpty()
            || label.length() > 63
            || !label.chars().allMatch(c -> Origin.isHostChar((char) c))) {
          throw new Invalid(
              q
                  + " has a malformed host '"
                  + host
                  + "'; use letters, digits, '-' and '.', e.g. 'app.example.com'");
        }
      }
      host = ascii;
      String last = host.substring(host.lastIndexOf('.') + 1);
      if (subdomains && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new Invalid(
            q
                + " puts '*.' before an IP address, which has no subdomains; list the address"
                + " itself, e.g. '"
                + scheme
                + "://"
                + host
                + "' (add ':*' for any port)");
      }
    }
    if (subdomains && !allowPublicSuffixPatterns && PublicSuffixes.isPublicSuffix(host)) {
      throw new Invalid(
          q
              + " trusts every site under the public suffix '"
              + host
              + "', which anyone can register or publish on; list your own origins (e.g. '"
              + scheme
              + "://app."
              + host
              + "' is not yours)"
              + " or name your own domain, as in '"
              + scheme
              + "://*.yourcompany."
              + host
              + "'");
    }
    Kind kind = subdomains || port == ANY_PORT ? Kind.PATTERN : Kind.EXACT;
    return new OriginRule(kind, scheme, host, subdomains, port);
  }

  /**
   * Whether a parsed incoming origin matches this pattern (exact entries are looked up by hash).
   */
  boolean matches(Origin o) {
    if (!scheme.equals(o.scheme())) {
      return false;
    }
    String h = o.host();
    if (subdomains) {
      int n = h.length() - host.length();
      if (n < 2 || !h.endsWith(host) || h.charAt(n - 1) != '.') {
        return false;
      }
      for (int i = 0; i < n; i++) {
        char c = h.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          return false; // browsers send lower case; compared byte for byte like exact origins
        }
      }
    } else if (!h.equals(host)) {
      return false;
    }
    return port == ANY_PORT || port == o.port();
  }

  boolean isLoopback() {
    return host != null && Origin.isLoopbackHost(host);
  }

  @Override
  public String toString() {
    return normalized;
  }
}
