package dev.corsair.export;

import java.nio.file.Path;
import java.util.List;

/**
 * The policies as an Apache 2.4 configuration: {@code mod_rewrite} rules decide into environment
 * variables in the core's order and answer preflights ({@code [R=204]}, or 403 with an {@code
 * ErrorDocument} expression carrying the core's text), {@code mod_headers} writes the headers into
 * the table Apache sends on every response (its own 502/504 included) and removes the upstream's,
 * {@code mod_proxy} forwards, and a {@code mod_lua} fixup turns its 503 for an unreachable upstream
 * into the gateway's 502.
 */
final class ApacheConfig {
  static final String ENGINE = "apache";
  static final String VERSIONS = "Apache 2.4 (Debian 12 apache2, PCRE2)";

  /** The path Apache's own 503 is redirected to, to be answered as the gateway's 502. */
  static final String UNREACHABLE = "/.corsair-upstream-unreachable";

  private final List<Rules> rules;
  private final Target target;
  private final StringBuilder out = new StringBuilder(32 * 1024);

  private ApacheConfig(List<Rules> rules, Target target) {
    this.rules = rules;
    this.target = target;
  }

  /**
   * The configuration, or with {@code snippet} only the directives for an existing virtual host.
   *
   * @throws Unsupported when a setting cannot be written exactly
   */
  static String write(List<Rules> rules, Target target, boolean snippet, String header)
      throws Unsupported {
    for (Rules r : rules) {
      if (r.policy.preflightStatus() != 204) {
        throw new Unsupported(
            ENGINE,
            "CORS_PREFLIGHT_STATUS=" + r.policy.preflightStatus(),
            "mod_rewrite answers [R=200] with Apache's HTML page, not an empty body",
            "leave the preflight status at 204 (every browser accepts it)");
      }
    }
    if (!target.basePath().matches("[A-Za-z0-9/._~-]*")) {
      throw new Unsupported(
          ENGINE,
          "--upstream path " + target.basePath(),
          "it holds a character Apache would read as syntax",
          "give an upstream path made of letters, digits, '/', '-', '.', '_' and '~'");
    }
    ApacheConfig c = new ApacheConfig(rules, target);
    c.out.append(header);
    if (snippet) {
      c.line("# Paste these directives into the <VirtualHost> that serves the API (they need");
      c.line("# mod_rewrite, mod_headers, mod_proxy, mod_proxy_http and mod_lua), in place of its");
      c.line("# ProxyPass and of any ErrorDocument 503.");
    } else {
      c.global();
    }
    c.rules();
    return c.out.toString();
  }

  private void global() {
    String p = target.prefix().toString();
    Path mods =
        target.modulesDir() == null ? Path.of("/usr/lib/apache2/modules") : target.modulesDir();
    line("DefaultRuntimeDir " + q(p));
    line("PidFile " + q(p + "/apache2.pid"));
    line("Mutex file:" + p + " default");
    line("ErrorLog " + q(p + "/error.log"));
    line("LogLevel warn");
    line("ServerName " + Target.bracketed(target.listenHost()));
    line("Listen " + target.listenAddress());
    for (String m :
        List.of("mpm_event", "authz_core", "headers", "rewrite", "proxy", "proxy_http", "lua")) {
      line("LoadModule " + m + "_module " + q(mods.resolve("mod_" + m + ".so").toString()));
    }
    line("# Room for a 100 KB Access-Control-Request-Headers, which is refused, not cut.");
    line("LimitRequestFieldSize 131072");
  }

  private void rules() {
    line("RewriteEngine On");
    line("RewriteMap corsair_lower int:tolower");
    // The policy covering the request target as sent (THE_REQUEST holds it raw); first wins.
    for (Rules r : rules) {
      String t = r.targetRegex();
      String alt = t.substring(1, t.length() - "(?:\\?.*)?$".length());
      cond("%{ENV:CORSAIR_POLICY}", "^$");
      cond("%{THE_REQUEST}", "^[^ ]+ " + alt + "(?:\\?[^ ]*)? HTTP/");
      rule("E=CORSAIR_POLICY:" + r.index);
    }
    // The origin: exact, one line (Apache joins lines with ", "), at most 2048 bytes.
    for (Rules r : rules) {
      String o = r.originAlternation();
      cond("%{ENV:CORSAIR_POLICY}", "^" + r.index + "$");
      if (r.wildcard()) {
        cond("%{HTTP:Origin}", ".");
      } else if (o != null) {
        cond("%{HTTP:Origin}", "^.{1,2048}$");
        cond("%{HTTP:Origin}", "^" + o + "$");
      } else {
        cond("%{HTTP:Origin}", "^(?!)");
      }
      rule("E=CORSAIR_OK:y");
    }
    cond("%{ENV:CORSAIR_POLICY}", ".");
    cond("%{HTTP:Origin}", ".");
    cond("%{REQUEST_METHOD}", "=OPTIONS");
    cond("%{HTTP:Access-Control-Request-Method}", ".");
    rule("E=CORSAIR_KIND:preflight");
    cond("%{ENV:CORSAIR_POLICY}", ".");
    cond("%{HTTP:Origin}", ".");
    cond("%{ENV:CORSAIR_KIND}", "^$");
    rule("E=CORSAIR_KIND:actual");
    // A preflight's checks in the core's order; the first failing one is the reason.
    preflight();
    cond("%{ENV:CORSAIR_OK}", "!=y");
    rule("E=CORSAIR_WHY:origin", "E=CORSAIR_BODY:" + text(Rules.BODY_ORIGIN));
    preflight();
    cond("%{ENV:CORSAIR_WHY}", "^$");
    cond("%{HTTP:Access-Control-Request-Method}", "!^" + Rules.TCHAR + "+$");
    rule("E=CORSAIR_WHY:method", "E=CORSAIR_BODY:" + text(Rules.BODY_METHOD_MALFORMED));
    for (Rules r : rules) {
      preflight();
      cond("%{ENV:CORSAIR_POLICY}", "^" + r.index + "$");
      if (r.anyMethod()) {
        cond("%{HTTP:Access-Control-Request-Method}", "!^(?i:CONNECT|TRACE|TRACK)$");
        if (r.policy.allowsCredentials()) {
          cond("%{HTTP:Access-Control-Request-Method}", "!^\\*$");
        }
      } else {
        cond("%{HTTP:Access-Control-Request-Method}", r.listedMethodsRegex());
      }
      rule("E=CORSAIR_METHOD_OK:y");
    }
    preflight();
    cond("%{ENV:CORSAIR_WHY}", "^$");
    cond("%{ENV:CORSAIR_METHOD_OK}", "!=y");
    rule("E=CORSAIR_WHY:method", "E=CORSAIR_BODY:" + text(Rules.BODY_METHOD));
    String acrh = "%{HTTP:Access-Control-Request-Headers}";
    preflight();
    cond(acrh, Rules.HEADERS_NONE);
    rule("E=CORSAIR_HEADERS:none");
    for (Rules r : rules) {
      preflight();
      cond("%{ENV:CORSAIR_POLICY}", "^" + r.index + "$");
      cond("%{ENV:CORSAIR_HEADERS}", "^$");
      cond(acrh, r.pcreHeadersAllowed());
      rule("E=CORSAIR_HEADERS:ok");
      preflight();
      cond("%{ENV:CORSAIR_WHY}", "^$");
      cond("%{ENV:CORSAIR_POLICY}", "^" + r.index + "$");
      cond("%{ENV:CORSAIR_HEADERS}", "^$");
      cond(acrh, r.pcreHeaderRefused(null));
      rule(
          "E=CORSAIR_WHY:header",
          "E=CORSAIR_BODY:"
              + text(Rules.BODY_HEADER_PREFIX)
              + "${corsair_lower:%1}"
              + text(Rules.BODY_HEADER_SUFFIX));
    }
    preflight();
    cond("%{ENV:CORSAIR_WHY}", "^$");
    cond("%{ENV:CORSAIR_HEADERS}", "^$");
    rule("E=CORSAIR_WHY:headers", "E=CORSAIR_BODY:" + text(Rules.BODY_HEADERS_MALFORMED));
    for (Rules r : rules) {
      if (!r.policy.allowsPrivateNetwork()) {
        preflight();
        cond("%{ENV:CORSAIR_WHY}", "^$");
        cond("%{ENV:CORSAIR_POLICY}", "^" + r.index + "$");
        condNc("%{HTTP:Access-Control-Request-Private-Network}", "^true$");
        rule("E=CORSAIR_WHY:pna", "E=CORSAIR_BODY:" + text(Rules.BODY_PRIVATE_NETWORK));
      }
    }
    // Which headers apply.
    preflight();
    cond("%{ENV:CORSAIR_WHY}", "^$");
    rule("E=CORSAIR_ALLOW:y", "E=CORSAIR_PREFLIGHT_ALLOWED:y");
    cond("%{ENV:CORSAIR_KIND}", "=actual");
    cond("%{ENV:CORSAIR_OK}", "=y");
    rule("E=CORSAIR_ALLOW:y", "E=CORSAIR_ACTUAL_ALLOWED:y");
    cond("%{ENV:CORSAIR_PREFLIGHT_ALLOWED}", "=y");
    cond("%{ENV:CORSAIR_HEADERS}", "=ok");
    cond(acrh, "!" + Rules.HEADERS_CLEAN);
    rule("E=CORSAIR_ACAH_MEND:y");
    cond("%{ENV:CORSAIR_PREFLIGHT_ALLOWED}", "=y");
    condNc("%{HTTP:Access-Control-Request-Private-Network}", "^true$");
    rule("E=CORSAIR_ACAPN:y");
    for (Rules r : rules) {
      String i = String.valueOf(r.index);
      cond("%{ENV:CORSAIR_ALLOW}", "=y");
      cond("%{ENV:CORSAIR_POLICY}", "^" + i + "$");
      StringBuilder flags = new StringBuilder();
      flags.append(r.wildcard() ? "E=CORSAIR_ACAO_STAR:y" : "E=CORSAIR_ACAO_ORIGIN:y");
      if (r.policy.allowsCredentials()) {
        flags.append(",E=CORSAIR_ACAC:y");
      }
      rule(flags.toString());
      if (r.policy.maxAgeSeconds() != null) {
        cond("%{ENV:CORSAIR_PREFLIGHT_ALLOWED}", "=y");
        cond("%{ENV:CORSAIR_POLICY}", "^" + i + "$");
        rule("E=CORSAIR_ACMA:" + r.policy.maxAgeSeconds());
      }
      if (!r.wildcard()) {
        cond("%{ENV:CORSAIR_KIND}", "!=preflight");
        cond("%{ENV:CORSAIR_POLICY}", "^" + i + "$");
        rule("E=CORSAIR_VARY:y");
      }
    }
    // WebSocket upgrades from a disallowed origin, and preflights: answered here.
    cond("%{ENV:CORSAIR_KIND}", "=actual");
    cond("%{ENV:CORSAIR_OK}", "!=y");
    condNc("%{HTTP:Upgrade}", "^websocket$");
    rule("E=CORSAIR_BODY:" + text(Rules.BODY_WEBSOCKET), "R=403", "L");
    preflight();
    cond("%{ENV:CORSAIR_WHY}", ".");
    rule("R=403", "L");
    preflight();
    rule("R=204", "L");
    line("ErrorDocument 403 \"%{reqenv:CORSAIR_BODY}%{unescape:%0A}\"");
    // The headers: the upstream's own CORS headers out, the policy's in every response.
    for (String h : Rules.RESPONSE_HEADERS) {
      line("Header unset " + h + " env=CORSAIR_POLICY");
      line("Header always unset " + h + " env=CORSAIR_POLICY");
    }
    line("Header always set Content-Type " + q(Rules.TEXT_PLAIN) + " env=CORSAIR_BODY");
    line(
        "Header always set Access-Control-Allow-Origin \"expr=%{req:Origin}\""
            + " env=CORSAIR_ACAO_ORIGIN");
    line("Header always set Access-Control-Allow-Origin \"*\" env=CORSAIR_ACAO_STAR");
    line("Header always set Access-Control-Allow-Credentials true env=CORSAIR_ACAC");
    line(
        "Header always set Access-Control-Allow-Methods"
            + " \"expr=%{req:Access-Control-Request-Method}\""
            + " env=CORSAIR_PREFLIGHT_ALLOWED");
    line(
        "Header always set Access-Control-Allow-Headers"
            + " \"expr=%{req:Access-Control-Request-Headers}\""
            + " \"expr=reqenv('CORSAIR_HEADERS') == 'ok' && reqenv('CORSAIR_PREFLIGHT_ALLOWED') == 'y'\"");
    line(
        "Header always edit Access-Control-Allow-Headers \"^[ \\t,]+\" \"\" env=CORSAIR_ACAH_MEND");
    line(
        "Header always edit Access-Control-Allow-Headers \"[ \\t,]+$\" \"\" env=CORSAIR_ACAH_MEND");
    line(
        "Header always edit* Access-Control-Allow-Headers \"[ \\t]*,[ \\t,]*\" \",\""
            + " env=CORSAIR_ACAH_MEND");
    line("Header always set Access-Control-Max-Age \"%{CORSAIR_ACMA}e\" env=CORSAIR_ACMA");
    line("Header always set Access-Control-Allow-Private-Network true env=CORSAIR_ACAPN");
    for (Rules r : rules) {
      String policy = "reqenv('CORSAIR_POLICY') == '" + r.index + "'";
      if (r.exposeHeaders() != null) {
        line(
            "Header always set Access-Control-Expose-Headers "
                + q(r.exposeHeaders())
                + " "
                + q("expr=reqenv('CORSAIR_ACTUAL_ALLOWED') == 'y' && " + policy));
      }
      line(
          "Header always set Vary "
              + q(r.preflightVary())
              + " "
              + q("expr=reqenv('CORSAIR_KIND') == 'preflight' && " + policy));
    }
    line(
        "Header always merge Vary Origin \"expr=reqenv('CORSAIR_VARY') == 'y'"
            + " && !(resp('Vary') =~ /(^|,)[ \\t]*(origin|\\*)[ \\t]*(,|$)/i)\"");
    upstreamUnreachable();
    // Forwarding, as the gateway forwards.
    line("RequestHeader set X-Forwarded-Proto http \"expr=-z req('X-Forwarded-Proto')\"");
    line("ProxyTimeout 30");
    line(
        "ProxyPass / "
            + q("http://" + target.upstreamAddress() + target.basePath() + "/")
            + " nocanon retry=0");
  }

  /**
   * mod_proxy answers a refused connection with 503, the gateway with 502. Apache's own 503 (an
   * upstream's 503 passes untouched: no ProxyErrorOverride) is redirected internally to {@link
   * #UNREACHABLE}, where the rules above decide again on the original request line and headers; the
   * Lua fixup then answers 502 through mod_headers' filter, so the CORS headers and Vary are those
   * of any other response. A request for that path from outside has status 200 at fixups and is
   * forwarded as usual.
   */
  private void upstreamUnreachable() {
    String body =
        "Bad Gateway: the upstream http://"
            + target.upstreamAddress()
            + target.basePath()
            + " is unreachable\\n";
    line("ErrorDocument 503 " + UNREACHABLE);
    line("<LuaHookFixups corsair_upstream_unreachable>");
    line("function corsair_upstream_unreachable(r)");
    line("  if r.status ~= 503 or r.uri ~= \"" + UNREACHABLE + "\"");
    line("      or r.subprocess_env[\"REDIRECT_STATUS\"] ~= \"503\" then");
    line("    return apache2.DECLINED");
    line("  end");
    line("  r.status = 502");
    line("  r.content_type = \"" + Rules.TEXT_PLAIN + "\"");
    line("  r:add_output_filter(\"FIXUP_HEADERS_OUT\")");
    line("  r:puts(\"" + body + "\")");
    line("  return apache2.DONE");
    line("end");
    line("</LuaHookFixups>");
  }

  private void preflight() {
    cond("%{ENV:CORSAIR_KIND}", "=preflight");
  }

  /** A condition; NV keeps mod_rewrite from adding the header it reads to Vary. */
  private void cond(String test, String pattern) {
    line("RewriteCond " + test + " " + q(pattern) + (test.startsWith("%{HTTP:") ? " [NV]" : ""));
  }

  private void condNc(String test, String pattern) {
    line("RewriteCond " + test + " " + q(pattern) + " [NC,NV]");
  }

  private void rule(String... flags) {
    line("RewriteRule ^ - " + q("[" + String.join(",", flags) + "]"));
  }

  /** Text for an environment variable set by a RewriteRule flag: the final newline dropped. */
  private static String text(String s) {
    return s.replace("\n", "");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /** A double-quoted Apache argument: a quote escaped (Apache keeps other backslashes). */
  static String q(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
