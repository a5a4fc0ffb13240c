package dev.corsair.export;

import java.util.List;

/**
 * The policies as an HAProxy 2.6 configuration: {@code http-request} rules decide into transaction
 * variables and answer preflights with {@code return}; {@code http-after-response} rules write the
 * headers on every response, HAProxy's own 502 and 504 included.
 */
final class HaproxyConfig {
  static final String ENGINE = "haproxy";
  static final String VERSIONS = "HAProxy 2.6 (Debian 12 haproxy, PCRE2)";

  private final List<Rules> rules;
  private final Target target;
  private final StringBuilder out = new StringBuilder(32 * 1024);

  private HaproxyConfig(List<Rules> rules, Target target) {
    this.rules = rules;
    this.target = target;
  }

  /**
   * The whole configuration file.
   *
   * @throws Unsupported when a setting cannot be written exactly
   */
  static String write(List<Rules> rules, Target target, String header) throws Unsupported {
    if (!target.basePath().matches("[A-Za-z0-9/._~-]*")) {
      throw new Unsupported(
          ENGINE,
          "--upstream path " + target.basePath(),
          "it holds a character HAProxy would read as syntax",
          "give an upstream path made of letters, digits, '/', '-', '.', '_' and '~'");
    }
    HaproxyConfig c = new HaproxyConfig(rules, target);
    c.out.append(header);
    c.file();
    return c.out.toString();
  }

  private void file() {
    String p = target.prefix().toString();
    line("global");
    line("  pidfile " + dq(p + "/haproxy.pid"));
    line("  # Room for a 100 KB Access-Control-Request-Headers, which is refused, not cut.");
    line("  tune.bufsize 262144");
    line("defaults");
    line("  mode http");
    line("  option http-keep-alive");
    line("  retries 1");
    line("  timeout connect 10s");
    line("  timeout client 60s");
    line("  timeout http-request 30s");
    line("  timeout server 30s");
    line("  timeout tunnel 1h");
    line("");
    line("frontend corsair");
    line("  bind " + target.listenAddress());
    // The policy covering the path as sent: the first match wins.
    for (Rules r : rules) {
      line(
          "  http-request set-var(txn.policy) int("
              + r.index
              + ") if !{ var(txn.policy) -m found } { path -m reg "
              + sq(r.pathRegex())
              + " }");
    }
    line("  acl covered var(txn.policy) -m found");
    for (Rules r : rules) {
      line("  acl p" + r.index + " var(txn.policy) -m int " + r.index);
    }
    line("  acl has_origin req.fhdr_cnt(origin) gt 0");
    line("  acl is_options method OPTIONS");
    line("  acl preflight_asked req.fhdr_cnt(access-control-request-method) gt 0");
    // The origin: exact, one line, at most 2048 bytes, or any for a wildcard policy.
    for (Rules r : rules) {
      String o = r.originAlternation();
      if (r.wildcard()) {
        line("  http-request set-var(txn.ok) str(y) if p" + r.index + " has_origin");
      } else if (o != null) {
        line(
            "  http-request set-var(txn.ok) str(y) if p"
                + r.index
                + " { req.fhdr_cnt(origin) eq 1 } { req.fhdr(origin) -m len 1:2048 }"
                + " { req.fhdr(origin) -m reg "
                + sq("^" + o + "$")
                + " }");
      }
    }
    line("  acl origin_ok var(txn.ok) -m str y");
    line("  http-request set-var(txn.origin) req.fhdr(origin) if covered origin_ok");
    line(
        "  http-request set-var(txn.kind) str(preflight)"
            + " if covered has_origin is_options preflight_asked");
    line("  http-request set-var(txn.kind) str(actual) if covered has_origin !preflight_asked");
    line("  http-request set-var(txn.kind) str(actual) if covered has_origin !is_options");
    line("  http-request set-var(txn.kind) str(plain) if covered !has_origin");
    line("  acl is_preflight var(txn.kind) -m str preflight");
    line("  acl is_actual var(txn.kind) -m str actual");
    line("  acl refused var(txn.why) -m found");
    // The checks of a preflight, in the core's order; the first failing one is the reason.
    line("  http-request set-var(txn.why) str(origin) if is_preflight !origin_ok");
    line(
        "  http-request set-var(txn.why) str(method_malformed) if is_preflight !refused"
            + " { req.fhdr_cnt(access-control-request-method) gt 1 }");
    line(
        "  http-request set-var(txn.why) str(method_malformed) if is_preflight !refused"
            + " !{ req.fhdr(access-control-request-method) -m reg "
            + sq("^" + Rules.TCHAR + "+$")
            + " }");
    line(
        "  http-request set-var(txn.acrm) req.fhdr(access-control-request-method) if is_preflight");
    for (Rules r : rules) {
      String m = "{ var(txn.acrm) -m reg " + sq(r.listedMethodsRegex()) + " }";
      if (r.anyMethod()) {
        m =
            "!{ var(txn.acrm) -m reg "
                + sq("^(?i:CONNECT|TRACE|TRACK)$")
                + " }"
                + (r.policy.allowsCredentials() ? " !{ var(txn.acrm) -m str * }" : "");
      }
      line("  http-request set-var(txn.method_ok) str(y) if is_preflight p" + r.index + " " + m);
    }
    line(
        "  http-request set-var(txn.why) str(method) if is_preflight !refused"
            + " !{ var(txn.method_ok) -m found }");
    // Access-Control-Request-Headers: the lines joined with ",", as the core reads them.
    line(
        "  http-request set-var(txn.h) req.fhdr(access-control-request-headers,1) if is_preflight");
    line(
        "  http-request set-var(txn.h2) req.fhdr(access-control-request-headers,2) if is_preflight"
            + " { req.fhdr_cnt(access-control-request-headers) eq 2 }");
    line(
        "  http-request set-var(txn.h) 'var(txn.h),concat(\",\",txn.h2)' if { var(txn.h2) -m found }");
    line(
        "  http-request set-var(txn.why) str(headers_malformed) if is_preflight !refused"
            + " { req.fhdr_cnt(access-control-request-headers) gt 2 }");
    line("  acl headers_named var(txn.h) -m found");
    line("  acl headers_none var(txn.h) -m reg " + sq(Rules.HEADERS_NONE));
    for (Rules r : rules) {
      String cond = "is_preflight !refused p" + r.index + " headers_named !headers_none";
      String allowed = "{ var(txn.h) -m reg " + sq(r.pcreHeadersAllowed()) + " }";
      String refusedRegex = r.pcreHeaderRefused(null);
      line(
          "  http-request set-var(txn.header) "
              + sq(
                  "var(txn.h),regsub(\""
                      + refusedRegex.replace("'", "\\x27")
                      + ".*\",\"\\1\"),lower")
              + " if "
              + cond
              + " !"
              + allowed
              + " { var(txn.h) -m reg "
              + sq(refusedRegex)
              + " }");
      line(
          "  http-request set-var(txn.why) str(header) if "
              + cond
              + " { var(txn.header) -m found }");
      line("  http-request set-var(txn.why) str(headers_malformed) if " + cond + " !" + allowed);
    }
    line("  acl pna_asked req.fhdr(access-control-request-private-network) -i -m str true");
    line("  http-request set-var(txn.pna) str(y) if is_preflight pna_asked");
    for (Rules r : rules) {
      if (!r.policy.allowsPrivateNetwork()) {
        line(
            "  http-request set-var(txn.why) str(private_network) if is_preflight !refused p"
                + r.index
                + " pna_asked");
      }
    }
    line(
        "  http-request set-var(txn.allow) str(y) if is_preflight !refused"
            + " || is_actual origin_ok");
    line("  acl allow var(txn.allow) -m str y");
    // The Access-Control-Allow-Headers of an allowed preflight: as sent when clean, else trimmed
    // elements joined by ",".
    line(
        "  http-request set-var(txn.allow_headers) var(txn.h) if is_preflight allow headers_named"
            + " !headers_none { var(txn.h) -m reg "
            + sq(Rules.HEADERS_CLEAN)
            + " }");
    line(
        "  http-request set-var(txn.allow_headers) "
            + sq(
                "var(txn.h),regsub(\"^[ \\t,]+\",\"\"),regsub(\"[ \\t,]+$\",\"\"),"
                    + "regsub(\"[ \\t]*,[ \\t,]*\",\",\",g)")
            + " if is_preflight allow headers_named !headers_none"
            + " !{ var(txn.allow_headers) -m found }");
    String text = " content-type " + dq(Rules.TEXT_PLAIN) + " string ";
    answer("origin", Rules.BODY_ORIGIN, text);
    answer("method_malformed", Rules.BODY_METHOD_MALFORMED, text);
    answer("method", Rules.BODY_METHOD, text);
    answer("headers_malformed", Rules.BODY_HEADERS_MALFORMED, text);
    answer("private_network", Rules.BODY_PRIVATE_NETWORK, text);
    line(
        "  http-request return status 403 content-type "
            + dq(Rules.TEXT_PLAIN)
            + " lf-string "
            + dq(Rules.BODY_HEADER_PREFIX + "%[var(txn.header)]" + Rules.BODY_HEADER_SUFFIX)
            + " if is_preflight { var(txn.why) -m str header }");
    for (Rules r : rules) {
      line(
          "  http-request return status "
              + r.policy.preflightStatus()
              + " if is_preflight !refused p"
              + r.index);
    }
    line(
        "  http-request return status 403"
            + text
            + dq(Rules.BODY_WEBSOCKET)
            + " if is_actual !origin_ok { req.hdr(upgrade) -i -m str websocket }"
            + " { req.hdr(connection) -i -m str upgrade }");
    // The response: the upstream's own CORS headers out, the policy's in, Vary merged.
    line("  http-response set-var(txn.upstream_answered) str(y)");
    line(
        "  http-after-response set-status 502 if { status 503 }"
            + " !{ var(txn.upstream_answered) -m found }");
    for (String h : Rules.RESPONSE_HEADERS) {
      line("  http-after-response del-header " + h + " if covered");
    }
    for (Rules r : rules) {
      String when = " if allow p" + r.index;
      line(
          "  http-after-response set-header Access-Control-Allow-Origin "
              + (r.wildcard() ? "*" : "%[var(txn.origin)]")
              + when);
      if (r.policy.allowsCredentials()) {
        line("  http-after-response set-header Access-Control-Allow-Credentials true" + when);
      }
      if (r.policy.maxAgeSeconds() != null) {
        line(
            "  http-after-response set-header Access-Control-Max-Age "
                + r.policy.maxAgeSeconds()
                + when
                + " is_preflight");
      }
      if (r.exposeHeaders() != null) {
        line(
            "  http-after-response set-header Access-Control-Expose-Headers "
                + dq(r.exposeHeaders())
                + when
                + " is_actual");
      }
      line(
          "  http-after-response set-header Vary "
              + dq(r.preflightVary())
              + " if is_preflight p"
              + r.index);
      if (!r.wildcard()) {
        line(
            "  http-after-response add-header Vary Origin if covered !is_preflight p"
                + r.index
                + " !{ res.hdr(vary) -i -m str origin } !{ res.fhdr(vary) -m str * }");
      }
    }
    line(
        "  http-after-response set-header Access-Control-Allow-Methods %[var(txn.acrm)]"
            + " if allow is_preflight");
    line(
        "  http-after-response set-header Access-Control-Allow-Headers %[var(txn.allow_headers)]"
            + " if allow is_preflight { var(txn.allow_headers) -m found }");
    line(
        "  http-after-response set-header Access-Control-Allow-Private-Network true"
            + " if allow is_preflight { var(txn.pna) -m found }");
    line("  default_backend upstream");
    line("");
    line("backend upstream");
    line("  http-request set-var(txn.xff) req.fhdr(x-forwarded-for)");
    line(
        "  http-request set-header X-Forwarded-For \"%[var(txn.xff)], %[src]\""
            + " if { var(txn.xff) -m found }");
    line("  http-request set-header X-Forwarded-For %[src] unless { var(txn.xff) -m found }");
    line(
        "  http-request set-header X-Forwarded-Proto http unless { req.hdr(x-forwarded-proto) -m found }");
    line(
        "  http-request set-header X-Forwarded-Host %[req.hdr(host)]"
            + " if { req.hdr(host) -m found } !{ req.hdr(x-forwarded-host) -m found }");
    line("  http-request set-header Host " + dq(target.upstreamAuthority()));
    if (!target.basePath().isEmpty()) {
      line("  http-request set-path " + target.basePath() + "%[path]");
    }
    line("  server upstream " + target.upstreamAddress());
  }

  private void answer(String why, String body, String text) {
    line(
        "  http-request return status 403"
            + text
            + dq(body)
            + " if is_preflight { var(txn.why) -m str "
            + why
            + " }");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /** A single-quoted HAProxy word: nothing inside is interpreted; a quote is closed around. */
  static String sq(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** A double-quoted HAProxy word: backslash, quote and dollar escaped, newline as \n. */
  static String dq(String s) {
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("$", "\\$")
            .replace("#", "\\#")
            .replace("\n", "\\n")
        + "\"";
  }
}
