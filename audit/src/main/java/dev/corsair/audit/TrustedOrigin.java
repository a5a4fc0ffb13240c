package dev.corsair.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origin the audited server is meant to trust, and the look-alike origins an attacker could use
 * against a flawed check of it. Scheme and host are lower case; a default port is dropped.
 */
record TrustedOrigin(String scheme, String host, int port) {

  private static final Pattern ORIGIN =
      Pattern.compile(
          "([a-zA-Z][a-zA-Z0-9+.-]*)://([a-zA-Z0-9._-]+|\\[[0-9a-fA-F:.]+\\])(?::([0-9]{1,5}))?");

  /** Second-level labels under which a country-code TLD sells names ({@code co.uk}). */
  private static final Set<String> SECOND_LEVELS =
      Set.of("co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "ltd", "plc", "me");

  /**
   * Parses {@code scheme://host[:port]}; returns null when the value is not a serialized origin (a
   * path, a trailing slash, a query, no scheme).
   */
  static TrustedOrigin parse(String value) {
    Matcher m = ORIGIN.matcher(value);
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String host = m.group(2).toLowerCase(Locale.ROOT);
    if (host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
      return null;
    }
    int port = -1;
    if (m.group(3) != null) {
      port = Integer.parseInt(m.group(3));
      if (port < 1 || port > 65535) {
        return null;
      }
      if (port == defaultPort(scheme)) {
        port = -1;
      }
    }
    return new TrustedOrigin(scheme, host, port);
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -1;
  }

  /** The serialized origin, as a browser sends it. */
  String serialize() {
    return with(scheme, host);
  }

  @Override
  public String toString() {
    return serialize();
  }

  /** This origin's port with another scheme and host. */
  private String with(String scheme, String host) {
    return port < 0 ? scheme + "://" + host : scheme + "://" + host + ":" + port;
  }

  boolean isIpLiteral() {
    return host.startsWith("[") || host.matches("[0-9.]+");
  }

  boolean isLoopback() {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.startsWith("127.")
        || host.equals("[::1]");
  }

  /**
   * The registrable domain ({@code trusted.example} for {@code app.trusted.example}, {@code
   * shop.co.uk} for {@code www.shop.co.uk}), or null for an IP address or a single-label host. A
   * heuristic: a country-code TLD with a common second level counts as a public suffix.
   */
  String registrableDomain() {
    if (isIpLiteral()) {
      return null;
    }
    String[] labels = host.split("\\.");
    int n = labels.length;
    if (n < 2) {
      return null;
    }
    int suffixLabels =
        n >= 3 && labels[n - 1].length() == 2 && SECOND_LEVELS.contains(labels[n - 2]) ? 2 : 1;
    if (n < suffixLabels + 1) {
      return null;
    }
    return String.join(".", List.of(labels).subList(n - suffixLabels - 1, n));
  }

  // --- the probe origins -------------------------------------------------------------------

  /** An origin nobody trusts on purpose. */
  static final String ARBITRARY = "https://evil.example";

  /** The attacker's domain appended in prefix and special-character probes. */
  static final String ATTACKER_DOMAIN = "evil.net";

  /** The characters a naive host parser stops at (the special-chars-bypass finding). */
  static final List<String> SPECIAL_CHARS =
      List.of(
          "_", "`", "{", "}", "!", "~", ";", "|", "&", "'", "(", ")", "*", ",", "$", "=", "+",
          "\"");

  /** Origins where anyone can publish a page that runs script. */
  static final List<String> THIRD_PARTY =
      List.of(
          "https://codepen.io",
          "https://cdpn.io",
          "https://jsfiddle.net",
          "https://fiddle.jshell.net",
          "https://jsbin.com",
          "https://output.jsbin.com",
          "https://codesandbox.io",
          "https://stackblitz.com",
          "https://corsair-audit-probe.github.io",
          "https://corsair-audit-probe.gitlab.io",
          "https://corsair-audit-probe.herokuapp.com",
          "https://corsair-audit-probe.vercel.app",
          "https://corsair-audit-probe.netlify.app",
          "https://corsair-audit-probe.pages.dev",
          "https://corsair-audit-probe.web.app",
          "https://corsair-audit-probe.firebaseapp.com",
          "https://corsair-audit-probe.appspot.com",
          "https://corsair-audit-probe.glitch.me",
          "https://corsair-audit-probe.azurewebsites.net",
          "https://corsair-audit-probe.s3.amazonaws.com",
          "https://d111111abcdef8.cloudfront.net");

  /** Most unescaped-dot probes sent (one per dot left of the registrable domain's own). */
  static final int MAX_DOT_PROBES = 3;

  /** {@code https://app.trusted.example.evil.net}: the trusted host followed by more. */
  String prefixProbe() {
    return with(scheme, host + "." + ATTACKER_DOMAIN);
  }

  /**
   * {@code https://eviltrusted.example}: an attacker-registrable host ending with the registrable
   * domain, or null when there is none (an IP address, {@code localhost}).
   */
  String suffixProbe() {
    String domain = registrableDomain();
    return domain == null ? null : with(scheme, "evil" + domain);
  }

  /**
   * {@code https://appxtrusted.example}: the trusted host with one dot replaced by a letter, for
   * each dot whose replacement leaves a host an attacker can register (so not the dot of the public
   * suffix: {@code app.trustedxexample} is not for sale). Nearest the domain first.
   */
  List<String> unescapedDotProbes() {
    String domain = registrableDomain();
    List<String> probes = new ArrayList<>();
    if (domain == null) {
      return probes;
    }
    int suffixLabels = domain.split("\\.").length - 1;
    String[] labels = host.split("\\.");
    // dot i joins labels[i] and labels[i+1]; the result keeps the public suffix when i+1 < n-k
    for (int i = labels.length - suffixLabels - 2; i >= 0 && probes.size() < MAX_DOT_PROBES; i--) {
      StringBuilder h = new StringBuilder();
      for (int k = 0; k < labels.length; k++) {
        h.append(labels[k]);
        if (k < labels.length - 1) {
          h.append(k == i ? 'x' : '.');
        }
      }
      probes.add(with(scheme, h.toString()));
    }
    return probes;
  }

  /**
   * {@code http://app.trusted.example}: the http: twin of an https: origin, or null when this
   * origin is not https: or is loopback (where http: is the norm and nobody sits in between).
   */
  String insecureProbe() {
    return scheme.equals("https") && !isLoopback() ? with("http", host) : null;
  }

  /** {@code https://app.trusted.example_.evil.net} and the other special characters. */
  List<String> specialCharProbes() {
    List<String> probes = new ArrayList<>();
    for (String c : SPECIAL_CHARS) {
      probes.add(with(scheme, host + c + "." + ATTACKER_DOMAIN));
    }
    return probes;
  }

  /** {@code https://evil.app.trusted.example}, or null for an IP address. */
  String subdomainProbe() {
    return isIpLiteral() ? null : with(scheme, "evil." + host);
  }

  /** The third-party hosting origins, except the trusted origin's own host. */
  List<String> thirdPartyProbes() {
    List<String> probes = new ArrayList<>();
    for (String o : THIRD_PARTY) {
      if (!o.equals("https://" + host)) {
        probes.add(o);
      }
    }
    return probes;
  }
}
