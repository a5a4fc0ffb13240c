package dev.corsair;

import java.util.List;

/** Finds an allowed origin close to a refused one, so a log line can say what differs. */
final class Suggestions {
  private Suggestions() {}

  static String forOrigin(String origin, CorsPolicy policy) {
    if (origin == null) {
      return null;
    }
    List<OriginRule> rules = policy.originRules();
    if (origin.equals("null")) {
      return "'null' is the opaque origin of sandboxed iframes, file: pages and some redirects; list 'null' only if such pages must call this API, and never with credentials";
    }
    Origin o = Origin.parse(origin);
    if (o == null) {
      // A trailing slash or a path: suggest the origin alone when it is one of ours.
      int sep = origin.indexOf("://");
      if (sep > 0) {
        int slash = origin.indexOf('/', sep + 3);
        if (slash > 0) {
          String bare = origin.substring(0, slash);
          for (OriginRule r : rules) {
            if (r.normalized.equals(bare)) {
              return "without its path, it is the allowed origin "
                  + bare
                  + "; an Origin header never has a path or trailing slash";
            }
          }
        }
      }
      return null;
    }
    String best = null;
    for (OriginRule r : rules) {
      if (r.kind == OriginRule.Kind.ANY || r.kind == OriginRule.Kind.NULL) {
        continue;
      }
      String how = differsOnlyIn(o, r);
      if (how != null) {
        best = "the allowed origin " + r.normalized + " differs only in " + how;
        break;
      }
    }
    return best;
  }

  private static String differsOnlyIn(Origin o, OriginRule r) {
    boolean sameScheme = o.scheme().equals(r.scheme);
    boolean sameHost =
        r.subdomains
            ? r.matches(new Origin(r.scheme, o.host(), portFor(r, o)))
            : o.host().equals(r.host);
    boolean samePort = r.port == OriginRule.ANY_PORT || r.port == o.port();
    if (r.subdomains && o.host().equals(r.host) && sameScheme && samePort) {
      return "being the bare domain: "
          + r.normalized
          + " matches subdomains only; add "
          + r.scheme
          + "://"
          + r.host
          + (r.port >= 0 ? ":" + r.port : "");
    }
    if (!sameScheme && sameHost && samePort) {
      return "scheme (" + o.scheme() + " vs " + r.scheme + ")";
    }
    if (sameScheme && sameHost && !samePort) {
      return "port (" + portText(o.port()) + " vs " + portText(r.port) + ")";
    }
    if (sameScheme && samePort && !sameHost) {
      String a = o.host();
      String b = r.host;
      if (isLoopbackName(a) && isLoopbackName(b)) {
        return "host (" + a + " vs " + b + "; browsers treat them as different origins)";
      }
      if (a.equals("www." + b) || b.equals("www." + a)) {
        return "the www. prefix";
      }
      if (a.equalsIgnoreCase(b)) {
        return "letter case (browsers send lower case)";
      }
    }
    if (!sameScheme && !samePort && sameHost) {
      return "scheme and port";
    }
    return null;
  }

  private static int portFor(OriginRule r, Origin o) {
    return r.port == OriginRule.ANY_PORT ? o.port() : r.port;
  }

  private static boolean isLoopbackName(String h) {
    return h.equals("localhost")
        || h.equals("127.0.0.1")
        || h.equals("[::1]")
        || h.equals("0.0.0.0");
  }

  private static String portText(int port) {
    return port == -1 ? "default" : port == OriginRule.ANY_PORT ? "any" : String.valueOf(port);
  }
}
