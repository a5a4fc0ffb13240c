package dev.corsair.export;

import java.util.List;

/**
 * The policies as a Caddy 2.6 Caddyfile: {@code map} directives decide (RE2 regexes over
 * placeholders, evaluated lazily), {@code respond} answers preflights, {@code header} writes the
 * policy's headers before the response, {@code header_down} removes the upstream's own and merges
 * {@code Vary}, and {@code handle_errors} keeps the headers on Caddy's own 502 and 504.
 */
final class CaddyConfig {
  static final String ENGINE = "caddy";
  static final String VERSIONS = "Caddy 2.6 (Debian 12 caddy)";

  /** Passes that lower-case one letter each of a refused header name (the 403 body names it). */
  static final int LOWERCASE_PASSES = NginxConfig.LOWERCASE_PASSES;

  private final List<Rules> rules;
  private final Target target;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private CaddyConfig(List<Rules> rules, Target target) {
    this.rules = rules;
    this.target = target;
  }

  /**
   * The Caddyfile, or with {@code snippet} only the directives for an existing site block.
   *
   * @throws Unsupported when a setting cannot be written exactly
   */
  static String write(List<Rules> rules, Target target, boolean snippet, String header)
      throws Unsupported {
    if (!target.basePath().matches("[A-Za-z0-9/._~-]*")) {
      throw new Unsupported(
          ENGINE,
          "--upstream path " + target.basePath(),
          "it holds a character Caddy would read as syntax",
          "give an upstream path made of letters, digits, '/', '-', '.', '_' and '~'");
    }
    CaddyConfig c = new CaddyConfig(rules, target);
    c.out.append(header);
    if (snippet) {
      c.line("# Paste these directives into the site block that serves the API, in place of its");
      c.line("# reverse_proxy (every path goes through them; uncovered paths pass untouched).");
      c.site("");
    } else {
      c.line("{");
      c.line("\tadmin off");
      c.line("\tauto_https off");
      c.line("\tstorage file_system " + bq(target.prefix() + "/caddy"));
      c.line("}");
      // No host in the address: every Host is served (the site must not answer other names with
      // Caddy's empty 200); bind keeps the listening address.
      c.line("http://:" + target.listenPort() + " {");
      c.line("\tbind " + Target.bracketed(target.listenHost()).replace("[", "").replace("]", ""));
      c.site("\t");
      c.line("}");
    }
    return c.out.toString();
  }

  private void site(String in) {
    maps(in);
    String origin = "{http.request.header.Origin}";
    // The policy's headers, set before the response is made (the upstream's are removed below).
    header(in, "acao_origin", "corsair_acao", "origin", "Access-Control-Allow-Origin", origin);
    header(in, "acao_star", "corsair_acao", "star", "Access-Control-Allow-Origin", "*");
    header(in, "acac", "corsair_acac", "y", "Access-Control-Allow-Credentials", "true");
    header(
        in,
        "acam",
        "corsair_preflight_allowed",
        "y",
        "Access-Control-Allow-Methods",
        "{http.request.header.Access-Control-Request-Method}");
    header(
        in,
        "acah",
        "corsair_acah",
        "y",
        "Access-Control-Allow-Headers",
        "{corsair_request_headers}");
    header(in, "acapn", "corsair_acapn", "y", "Access-Control-Allow-Private-Network", "true");
    for (Rules r : rules) {
      if (r.policy.maxAgeSeconds() != null) {
        header(
            in,
            "acma" + r.index,
            "corsair_preflight_allowed_policy",
            String.valueOf(r.index),
            "Access-Control-Max-Age",
            String.valueOf(r.policy.maxAgeSeconds()));
      }
      if (r.exposeHeaders() != null) {
        header(
            in,
            "aceh" + r.index,
            "corsair_actual_allowed_policy",
            String.valueOf(r.index),
            "Access-Control-Expose-Headers",
            r.exposeHeaders());
      }
      header(
          in,
          "pvary" + r.index,
          "corsair_preflight_policy",
          String.valueOf(r.index),
          "Vary",
          r.preflightVary());
    }
    // Vary: Origin when the response does not name it; the upstream's is merged below.
    line(in + "@corsair_vary vars {corsair_vary} y");
    line(in + "header @corsair_vary ?Vary Origin");
    // Preflights answered here, with the core's texts.
    respond(in, "origin", Rules.BODY_ORIGIN, 403);
    respond(in, "method_malformed", Rules.BODY_METHOD_MALFORMED, 403);
    respond(in, "method", Rules.BODY_METHOD, 403);
    respond(in, "headers_malformed", Rules.BODY_HEADERS_MALFORMED, 403);
    respond(
        in,
        "header",
        Rules.BODY_HEADER_PREFIX
            + "{corsair_header_"
            + LOWERCASE_PASSES
            + "}"
            + Rules.BODY_HEADER_SUFFIX,
        403);
    respond(in, "private_network", Rules.BODY_PRIVATE_NETWORK, 403);
    respond(in, "websocket", Rules.BODY_WEBSOCKET, 403);
    line(in + "@corsair_answer_204 vars {corsair_answer} 204");
    line(in + "respond @corsair_answer_204 204");
    line(in + "@corsair_answer_200 vars {corsair_answer} 200");
    line(in + "respond @corsair_answer_200 200");
    if (!target.basePath().isEmpty()) {
      line(in + "rewrite * " + target.basePath() + "{http.request.orig_uri}");
    }
    // Forwarded: under a policy the upstream's CORS headers are replaced and Vary merged.
    line(in + "@corsair_covered not vars {corsair_policy} \"\"");
    line(in + "reverse_proxy @corsair_vary " + target.upstreamAddress() + " {");
    proxyBody(in + "\t", true);
    line(in + "}");
    line(in + "reverse_proxy @corsair_covered " + target.upstreamAddress() + " {");
    proxyBody(in + "\t", false);
    line(in + "}");
    line(in + "reverse_proxy " + target.upstreamAddress() + " {");
    line(in + "\theader_up Host " + bq(target.upstreamAuthority()));
    transport(in + "\t");
    line(in + "}");
    // Caddy's own 502 and 504 keep the policy's headers (set above) and get Vary.
    line(in + "handle_errors {");
    line(in + "\theader @corsair_vary Vary Origin");
    line(in + "\trespond `{err.status_code} {err.status_text}\n` {err.status_code}");
    line(in + "}");
  }

  private void proxyBody(String in, boolean mergeVary) {
    line(in + "header_up Host " + bq(target.upstreamAuthority()));
    line(in + "header_down -Access-Control-Allow-*");
    line(in + "header_down -Access-Control-Expose-Headers");
    line(in + "header_down -Access-Control-Max-Age");
    if (mergeVary) {
      line(in + "header_down Vary `^(.+)$` `${1}, Origin`");
      line(in + "header_down Vary `(?i)^((?:.*,)?[ \\t]*origin[ \\t]*(?:,.*)?), Origin$` `${1}`");
      line(in + "header_down Vary `^[ \\t]*\\*[ \\t]*, Origin$` `*`");
    }
    transport(in);
  }

  private void transport(String in) {
    line(in + "transport http {");
    line(in + "\tdial_timeout 10s");
    line(in + "\tresponse_header_timeout 30s");
    line(in + "}");
  }

  private void header(
      String in, String name, String variable, String value, String field, String fieldValue) {
    line(in + "@corsair_" + name + " vars {" + variable + "} " + value);
    line(in + "header @corsair_" + name + " " + field + " " + bq(fieldValue));
  }

  private void respond(String in, String reason, String body, int status) {
    line(in + "@corsair_refused_" + reason + " vars {corsair_refusal} " + reason);
    line(in + "respond @corsair_refused_" + reason + " " + bq(body) + " " + status);
  }

  private void maps(String in) {
    String origin = "{http.request.header.Origin}";
    String acrm = "{http.request.header.Access-Control-Request-Method}";
    String acrh = "{http.request.header.Access-Control-Request-Headers}";
    open(in, "{http.request.orig_uri}", "corsair_policy");
    for (Rules r : rules) {
      entry(in, r.targetRegex(), String.valueOf(r.index));
    }
    close(in, "\"\"");
    // Listed origins, only for an Origin of at most 2048 bytes (the map is skipped otherwise).
    line(in + "@corsair_origin_length expression `size(" + origin + ") <= 2048`");
    line(in + "map @corsair_origin_length `{corsair_policy}|" + origin + "` {corsair_listed} {");
    for (Rules r : rules) {
      String o = r.originAlternation();
      if (o != null) {
        line(in + "\t" + bq("~^" + r.index + "\\|" + re2(o) + "$") + " y");
      }
    }
    close(in, "n");
    open(in, "{corsair_policy}|{corsair_listed}|" + origin, "corsair_origin_ok");
    for (Rules r : rules) {
      if (r.wildcard()) {
        entry(in, "^" + r.index + "\\|[yn]?\\|.", "y");
      }
    }
    entry(in, "^[0-9]+\\|y\\|.", "y");
    entry(in, "^[0-9]+\\|[yn]?\\|.", "n");
    close(in, "\"\"");
    open(in, "{http.request.method}|{corsair_policy}|{corsair_origin_ok}|" + acrm, "corsair_kind");
    entry(in, "^[^|]*\\|\\|", "none");
    entry(in, "^OPTIONS\\|[0-9]+\\|[yn]\\|.", "preflight");
    entry(in, "^[^|]*\\|[0-9]+\\|[yn]\\|", "actual");
    close(in, "plain");
    open(in, "{corsair_policy}|" + acrm, "corsair_method");
    for (Rules r : rules) {
      String p = "^" + r.index + "\\|";
      if (r.anyMethod()) {
        entry(in, p + "(?i:CONNECT|TRACE|TRACK)$", "denied");
        if (r.policy.allowsCredentials()) {
          entry(in, p + "\\*$", "denied");
        }
        entry(in, p + Rules.TCHAR + "+$", "ok");
      } else {
        entry(in, p + r.listedMethodsRegex().substring(1), "ok");
      }
    }
    entry(in, "^[0-9]+\\|" + Rules.TCHAR + "+$", "denied");
    close(in, "malformed");
    // The requested headers: none, ok, or a candidate element that decides between a refused
    // header and a malformed list.
    open(in, "{corsair_policy}|" + acrh, "corsair_headers_scan");
    entry(in, "^[0-9]+\\|" + Rules.HEADERS_NONE.substring(1), "none");
    for (Rules r : rules) {
      entry(in, "^" + r.index + "\\|" + r.re2HeadersAllowed().substring(1), "ok");
      entry(in, "^" + r.index + "\\|" + r.re2HeaderCandidate().substring(1), "candidate");
    }
    close(in, "malformed");
    open(in, "{corsair_policy}|" + acrh, "corsair_header_0");
    for (Rules r : rules) {
      entry(in, "^" + r.index + "\\|" + r.re2HeaderCandidate().substring(1), "${1}");
    }
    close(in, "\"\"");
    open(in, "{corsair_headers_scan}|{corsair_policy}|{corsair_header_0}", "corsair_headers");
    for (Rules r : rules) {
      String allowed = r.re2NameAllowed();
      if (allowed != null) {
        entry(in, "^candidate\\|" + r.index + "\\|" + allowed.substring(1), "malformed");
      }
    }
    entry(in, "^candidate\\|", "denied");
    entry(in, "^([a-z]+)\\|", "${1}");
    close(in, "malformed");
    for (int k = 1; k <= LOWERCASE_PASSES; k++) {
      open(in, "{corsair_header_" + (k - 1) + "}", "corsair_header_" + k);
      for (char c = 'A'; c <= 'Z'; c++) {
        entry(in, "^([^A-Z]*)" + c + "(.*)$", "${1}" + Character.toLowerCase(c) + "${2}");
      }
      passThrough(in);
    }
    open(
        in,
        "{corsair_policy}|{http.request.header.Access-Control-Request-Private-Network}",
        "corsair_pna");
    for (Rules r : rules) {
      if (r.policy.allowsPrivateNetwork()) {
        entry(in, "(?i)^" + r.index + "\\|[ \\t]*true[ \\t]*$", "yes");
      }
    }
    entry(in, "(?i)^[0-9]+\\|[ \\t]*true[ \\t]*$", "denied");
    close(in, "no");
    open(
        in,
        "{corsair_kind}|{corsair_origin_ok}|{corsair_method}|{corsair_headers}|{corsair_pna}"
            + "|{http.request.header.Upgrade}",
        "corsair_refusal");
    entry(in, "^preflight\\|n\\|", "origin");
    entry(in, "^preflight\\|y\\|malformed\\|", "method_malformed");
    entry(in, "^preflight\\|y\\|denied\\|", "method");
    entry(in, "^preflight\\|y\\|ok\\|malformed\\|", "headers_malformed");
    entry(in, "^preflight\\|y\\|ok\\|denied\\|", "header");
    entry(in, "^preflight\\|y\\|ok\\|(?:none|ok)\\|denied\\|", "private_network");
    entry(in, "(?i)^actual\\|n\\|[^|]*\\|[^|]*\\|[^|]*\\|websocket$", "websocket");
    close(in, "\"\"");
    open(in, "{corsair_kind}|{corsair_refusal}|{corsair_policy}", "corsair_answer");
    for (Rules r : rules) {
      entry(in, "^preflight\\|\\|" + r.index + "$", String.valueOf(r.policy.preflightStatus()));
    }
    close(in, "\"\"");
    // Which headers apply.
    open(
        in,
        "{corsair_kind}|{corsair_origin_ok}|{corsair_refusal}|{corsair_policy}",
        "corsair_acao",
        "corsair_acac",
        "corsair_preflight_allowed",
        "corsair_preflight_allowed_policy",
        "corsair_actual_allowed_policy");
    for (Rules r : rules) {
      String acao = r.wildcard() ? "star" : "origin";
      String acac = r.policy.allowsCredentials() ? "y" : "n";
      String i = String.valueOf(r.index);
      line(
          in
              + "\t"
              + bq("~^preflight\\|y\\|\\|" + i + "$")
              + " "
              + acao
              + " "
              + acac
              + " y "
              + i
              + " \"\"");
      line(
          in
              + "\t"
              + bq("~^actual\\|y\\|[^|]*\\|" + i + "$")
              + " "
              + acao
              + " "
              + acac
              + " n \"\" "
              + i);
    }
    line(in + "\tdefault \"\" \"\" \"\" \"\" \"\"");
    line(in + "}");
    open(in, "{corsair_preflight_allowed}|{corsair_headers}", "corsair_acah");
    entry(in, "^y\\|ok$", "y");
    close(in, "\"\"");
    open(in, "{corsair_preflight_allowed}|{corsair_pna}", "corsair_acapn");
    entry(in, "^y\\|yes$", "y");
    close(in, "\"\"");
    open(in, "{corsair_kind}|{corsair_policy}", "corsair_preflight_policy", "corsair_vary");
    for (Rules r : rules) {
      line(in + "\t" + bq("~^preflight\\|" + r.index + "$") + " " + r.index + " n");
      line(
          in
              + "\t"
              + bq("~^(?:actual|plain)\\|" + r.index + "$")
              + " \"\" "
              + (r.wildcard() ? "n" : "y"));
    }
    line(in + "\tdefault \"\" n");
    line(in + "}");
    // Access-Control-Allow-Headers: as sent when clean, else trimmed elements joined by ",".
    open(in, "{corsair_list_" + NginxConfig.LIST_PASSES + "}", "corsair_request_headers");
    entry(in, "^[=~](.*)$", "${1}");
    close(in, "\"\"");
    // A clean list is marked "=" and passes the mending untouched; others are marked "~".
    open(in, acrh, "corsair_list_0");
    entry(in, Rules.HEADERS_CLEAN, "=${0}");
    entry(in, "^[ \\t,]*(.*?)[ \\t,]*$", "~${1}");
    close(in, "\"\"");
    for (int k = 1; k <= NginxConfig.LIST_PASSES; k++) {
      open(in, "{corsair_list_" + (k - 1) + "}", "corsair_list_" + k);
      for (int j = NginxConfig.SEPARATORS_PER_PASS; j >= 1; j--) {
        StringBuilder regex = new StringBuilder("^~");
        StringBuilder value = new StringBuilder("~");
        for (int g = 1; g <= j; g++) {
          regex.append("([^ \\t,]+(?:,[^ \\t,]+)*)[ \\t]*,[ \\t,]*");
          value.append("${").append(g).append("},");
        }
        regex.append("(.*)$");
        value.append("${").append(j + 1).append("}");
        entry(in, regex.toString(), value.toString());
      }
      passThrough(in);
    }
  }

  /**
   * Ends a map whose input passes unchanged when nothing matched. Caddy evaluates a map each time
   * its output is used and caches nothing: a default naming the input placeholder would evaluate
   * the chain before it twice per link, so the input is captured instead.
   */
  private void passThrough(String in) {
    entry(in, "^(.*)$", "${1}");
    close(in, "\"\"");
  }

  private void open(String in, String source, String... destinations) {
    StringBuilder b = new StringBuilder(in + "map " + bq(source));
    for (String d : destinations) {
      b.append(" {").append(d).append('}');
    }
    line(b.append(" {").toString());
  }

  private void entry(String in, String regex, String value) {
    line(in + "\t" + bq("~" + re2(regex)) + " " + (value.equals("\"\"") ? value : bq(value)));
  }

  private void close(String in, String dflt) {
    line(in + "\tdefault " + (dflt.equals("\"\"") ? dflt : bq(dflt)));
    line(in + "}");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /** A regex for a backtick-quoted Caddyfile token: a backtick becomes \x60. */
  private static String re2(String regex) {
    return regex.replace("\\`", "\\x60").replace("`", "\\x60");
  }

  /** A backtick-quoted Caddyfile token (nothing inside is interpreted but the closing backtick). */
  static String bq(String s) {
    return "`" + s + "`";
  }
}
