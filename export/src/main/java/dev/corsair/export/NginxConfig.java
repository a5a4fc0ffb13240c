package dev.corsair.export;

import java.util.List;

/**
 * The policies as an nginx 1.22 configuration: {@code map} blocks decide (each a regex over the
 * request, evaluated lazily), {@code add_header ... always} writes the headers on every response
 * (nginx's own 502 and 504 included), {@code return} answers preflights at the edge.
 *
 * <p>nginx 1.22's {@code $http_origin} holds only the first {@code Origin} line; the echo module
 * Debian ships with nginx-light ({@code $echo_client_request_headers}) lets a second line be seen
 * and refused, as the gateway refuses it.
 */
final class NginxConfig {
  static final String ENGINE = "nginx";
  static final String VERSIONS = "nginx 1.22 (Debian 12 nginx-light, with its echo module)";

  /** Passes that lower-case one letter each of a refused header name (the 403 body names it). */
  static final int LOWERCASE_PASSES = 48;

  /**
   * A header list the core would normalise is mended by passes of {@link #SEPARATORS_PER_PASS}
   * separators each: enough for the 127 separators of the longest list examined. nginx stops
   * evaluating variables nested 100 deep, so the passes must be few.
   */
  static final int SEPARATORS_PER_PASS = 8;

  static final int LIST_PASSES =
      (Rules.MAX_REQUEST_HEADERS - 1 + SEPARATORS_PER_PASS - 1) / SEPARATORS_PER_PASS;

  private final List<Rules> rules;
  private final Target target;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private NginxConfig(List<Rules> rules, Target target) {
    this.rules = rules;
    this.target = target;
  }

  /**
   * The configuration for {@code rules} (one entry per policy, first match wins).
   *
   * @param snippet only the parts to paste into an existing configuration, each with a comment
   *     saying where it goes
   * @throws Unsupported when a setting cannot be written exactly
   */
  static String write(List<Rules> rules, Target target, boolean snippet, String header)
      throws Unsupported {
    for (Rules r : rules) {
      for (String h : r.policy.exposedHeaders()) {
        if (h.indexOf('$') >= 0) {
          throw new Unsupported(
              ENGINE,
              r.policy.exposedHeaders().toString(),
              "a '$' in a header value is always a variable reference in nginx",
              "rename the header without '$', or use corsair gateway");
        }
      }
    }
    if (target.basePath().matches(".*[$\"\\\\{};\\s].*")) {
      throw new Unsupported(
          ENGINE,
          "--upstream path " + target.basePath(),
          "it holds a character nginx would read as syntax",
          "give an upstream path made of letters, digits, '/', '-', '.' and '_'");
    }
    NginxConfig c = new NginxConfig(rules, target);
    return snippet ? c.snippet(header) : c.full(header);
  }

  private String full(String header) {
    out.append(header);
    String p = target.prefix().toString();
    String mods =
        target.modulesDir() == null ? "/usr/lib/nginx/modules" : target.modulesDir().toString();
    line("load_module " + q(mods + "/ngx_http_echo_module.so") + ";");
    line("pid " + q(p + "/nginx.pid") + ";");
    line("error_log stderr;");
    line("worker_processes 1;");
    line("pcre_jit on;");
    line("events {");
    line("  worker_connections 1024;");
    line("}");
    line("http {");
    line("  access_log " + q(p + "/access.log") + ";");
    for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      line("  " + t + "_temp_path " + q(p + "/" + t + "_temp") + ";");
    }
    httpLevel("  ");
    line("  server {");
    line("    listen " + target.listenAddress() + ";");
    line("    location / {");
    location("      ");
    line("    }");
    line("  }");
    line("}");
    return out.toString();
  }

  private String snippet(String header) {
    out.append(header);
    line("# Paste this part into the http { } block (nginx needs the echo module loaded:");
    String mods =
        target.modulesDir() == null ? "/usr/lib/nginx/modules" : target.modulesDir().toString();
    line("# load_module " + mods + "/ngx_http_echo_module.so; at the top of nginx.conf).");
    httpLevel("");
    line("");
    line("# Paste this part into the server { } block that listens for the API, in place of");
    line("# its location / (every path goes through it; uncovered paths are passed untouched).");
    line("location / {");
    location("  ");
    line("}");
    return out.toString();
  }

  /** Timeouts, limits, the upstream, and every decision as a map. */
  private void httpLevel(String in) {
    line(in + "server_tokens off;");
    line(in + "variables_hash_max_size 4096;");
    line(in + "default_type " + q(Rules.TEXT_PLAIN) + ";");
    line(in + "large_client_header_buffers 4 128k;");
    line(in + "client_max_body_size 0;");
    line(in + "upstream corsair_upstream {");
    line(in + "  server " + target.upstreamAddress() + ";");
    line(in + "  keepalive 32;");
    line(in + "}");
    maps(in);
  }

  private void location(String in) {
    for (String h : Rules.RESPONSE_HEADERS) {
      line(in + "add_header " + h + " $" + var(h) + " always;");
    }
    line(in + "add_header Vary $corsair_vary always;");
    line(in + "if ($corsair_answer = 403) {");
    line(in + "  return 403 $corsair_refusal;");
    line(in + "}");
    line(in + "if ($corsair_answer = 204) {");
    line(in + "  return 204;");
    line(in + "}");
    line(in + "if ($corsair_answer = 200) {");
    line(in + "  return 200 \"\";");
    line(in + "}");
    line(in + "if ($corsair_answer = ws) {");
    line(in + "  return 403 " + q(Rules.BODY_WEBSOCKET) + ";");
    line(in + "}");
    for (String h : Rules.RESPONSE_HEADERS) {
      line(in + "proxy_hide_header " + h + ";");
    }
    line(in + "proxy_pass http://corsair_upstream" + target.basePath() + "$request_uri;");
    line(in + "proxy_http_version 1.1;");
    line(in + "proxy_set_header Host " + q(target.upstreamAuthority()) + ";");
    line(in + "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    line(in + "proxy_set_header X-Forwarded-Proto $corsair_forwarded_proto;");
    line(in + "proxy_set_header X-Forwarded-Host $corsair_forwarded_host;");
    line(in + "proxy_set_header Upgrade $http_upgrade;");
    line(in + "proxy_set_header Connection $corsair_connection;");
    line(in + "proxy_buffering off;");
    line(in + "proxy_request_buffering off;");
    line(in + "proxy_connect_timeout 10s;");
    line(in + "proxy_read_timeout 30s;");
    line(in + "proxy_send_timeout 30s;");
  }

  private void maps(String in) {
    // Which policy covers the request target as sent (first match wins); "" = none.
    open(in, "$request_uri", "corsair_policy");
    for (Rules r : rules) {
      entry(in, r.targetRegex(), String.valueOf(r.index));
    }
    close(in, "\"\"");
    // How many Origin lines the request has (nginx 1.22 keeps only the first in $http_origin).
    open(in, "$echo_client_request_headers", "corsair_origin_lines");
    entry(in, "(?is)\\norigin:.*\\norigin:", "many");
    close(in, "one");
    // Whether the Origin is allowed: y, n, or "" when absent (or no policy).
    open(in, "$corsair_policy|$corsair_origin_lines|$http_origin", "corsair_origin_ok");
    for (Rules r : rules) {
      if (r.wildcard()) {
        entry(in, "^" + r.index + "\\|[a-z]+\\|.", "y");
      }
    }
    entry(in, "^[0-9]+\\|many\\|", "n");
    entry(in, "^[0-9]+\\|one\\|.{2049}", "n");
    for (Rules r : rules) {
      String o = r.originAlternation();
      if (!r.wildcard() && o != null) {
        entry(in, "^" + r.index + "\\|one\\|" + o + "$", "y");
      }
    }
    entry(in, "^[0-9]+\\|[a-z]+\\|.", "n");
    close(in, "\"\"");
    // What the request is: none (no policy), preflight, actual (with Origin), plain (without).
    open(
        in,
        "$request_method|$corsair_policy|$corsair_origin_ok|$http_access_control_request_method",
        "corsair_kind");
    entry(in, "^[^|]*\\|\\|", "none");
    entry(in, "^OPTIONS\\|[0-9]+\\|[yn]\\|.", "preflight");
    entry(in, "^[^|]*\\|[0-9]+\\|[yn]\\|", "actual");
    close(in, "plain");
    // The requested method: ok, denied or malformed.
    open(in, "$corsair_policy|$http_access_control_request_method", "corsair_method");
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
    // The requested headers: none, ok, denied (the name in $corsair_refused_header) or malformed.
    open(in, "$corsair_policy|$http_access_control_request_headers", "corsair_headers");
    entry(in, "^[0-9]+\\|" + Rules.HEADERS_NONE.substring(1), "none");
    for (Rules r : rules) {
      entry(in, "^" + r.index + "\\|" + r.pcreHeadersAllowed().substring(1), "ok");
      entry(in, "^" + r.index + "\\|" + r.pcreHeaderRefused(null).substring(1), "denied");
    }
    close(in, "malformed");
    open(in, "$corsair_policy|$http_access_control_request_headers", "corsair_header_0");
    for (Rules r : rules) {
      entry(
          in,
          "^" + r.index + "\\|" + r.pcreHeaderRefused("corsair_name").substring(1),
          "$corsair_name");
    }
    close(in, "\"\"");
    for (int k = 1; k <= LOWERCASE_PASSES; k++) {
      open(in, "$corsair_header_" + (k - 1), "corsair_header_" + k);
      for (char c = 'A'; c <= 'Z'; c++) {
        entry(
            in,
            "^(?<corsair_a>[^A-Z]*)" + c + "(?<corsair_b>.*)$",
            "${corsair_a}" + Character.toLowerCase(c) + "${corsair_b}");
      }
      close(in, "$corsair_header_" + (k - 1));
    }
    // Private network access: no (not asked), yes (asked and allowed), denied.
    open(in, "$corsair_policy|$http_access_control_request_private_network", "corsair_pna");
    for (Rules r : rules) {
      if (r.policy.allowsPrivateNetwork()) {
        entry(in, "(?i)^" + r.index + "\\|true$", "yes");
      }
    }
    entry(in, "(?i)^[0-9]+\\|true$", "denied");
    close(in, "no");
    // The text of a refused preflight (the core's), or "" when it is allowed.
    open(
        in,
        "$corsair_kind|$corsair_origin_ok|$corsair_method|$corsair_headers|$corsair_pna",
        "corsair_refusal");
    entry(in, "^preflight\\|n\\|", Rules.BODY_ORIGIN);
    entry(in, "^preflight\\|y\\|malformed\\|", Rules.BODY_METHOD_MALFORMED);
    entry(in, "^preflight\\|y\\|denied\\|", Rules.BODY_METHOD);
    entry(in, "^preflight\\|y\\|ok\\|malformed\\|", Rules.BODY_HEADERS_MALFORMED);
    entry(
        in,
        "^preflight\\|y\\|ok\\|denied\\|",
        Rules.BODY_HEADER_PREFIX
            + "$corsair_header_"
            + LOWERCASE_PASSES
            + Rules.BODY_HEADER_SUFFIX);
    entry(in, "^preflight\\|y\\|ok\\|(?:none|ok)\\|denied$", Rules.BODY_PRIVATE_NETWORK);
    close(in, "\"\"");
    // What the edge answers itself: 204/200 (allowed preflight), 403, ws (refused WebSocket).
    open(
        in,
        "$corsair_kind|$corsair_policy|$corsair_origin_ok|$http_upgrade|$corsair_refusal",
        "corsair_answer");
    for (Rules r : rules) {
      entry(
          in,
          "^preflight\\|" + r.index + "\\|y\\|[^|]*\\|$",
          String.valueOf(r.policy.preflightStatus()));
    }
    entry(in, "^preflight\\|", "403");
    entry(in, "(?i)^actual\\|[0-9]+\\|n\\|websocket\\|", "ws");
    close(in, "\"\"");
    // Whether the CORS headers are granted: y or "".
    open(in, "$corsair_kind|$corsair_origin_ok|$corsair_answer", "corsair_allow");
    entry(in, "^actual\\|y\\|", "y");
    entry(in, "^preflight\\|y\\|20[04]$", "y");
    close(in, "\"\"");
    // The headers; on uncovered paths, the upstream's own pass through untouched.
    String key = "$corsair_kind|$corsair_allow|$corsair_policy";
    headerMap(
        in,
        "Access-Control-Allow-Origin",
        key,
        "preflight|actual",
        r -> r.wildcard() ? "*" : "$http_origin");
    headerMap(
        in,
        "Access-Control-Allow-Credentials",
        key,
        "preflight|actual",
        r -> r.policy.allowsCredentials() ? "true" : null);
    headerMap(
        in,
        "Access-Control-Allow-Methods",
        key,
        "preflight",
        r -> "$http_access_control_request_method");
    headerMap(
        in,
        "Access-Control-Max-Age",
        key,
        "preflight",
        r -> r.policy.maxAgeSeconds() == null ? null : String.valueOf(r.policy.maxAgeSeconds()));
    headerMap(in, "Access-Control-Expose-Headers", key, "actual", Rules::exposeHeaders);
    open(in, "$corsair_kind|$corsair_allow|$corsair_headers", var("Access-Control-Allow-Headers"));
    entry(in, "^none\\|", "$upstream_http_access_control_allow_headers");
    entry(in, "^preflight\\|y\\|ok$", "$corsair_request_headers");
    close(in, "\"\"");
    open(
        in,
        "$corsair_kind|$corsair_allow|$corsair_pna",
        var("Access-Control-Allow-Private-Network"));
    entry(in, "^none\\|", "$upstream_http_access_control_allow_private_network");
    entry(in, "^preflight\\|y\\|yes$", "true");
    close(in, "\"\"");
    // Access-Control-Allow-Headers: the request's list as sent when clean, else normalised
    // (elements trimmed, empty ones dropped, joined by ","), one separator per pass.
    open(in, "$http_access_control_request_headers", "corsair_request_headers");
    entry(in, Rules.HEADERS_CLEAN, "$http_access_control_request_headers");
    close(in, "$corsair_list_" + LIST_PASSES);
    open(in, "$http_access_control_request_headers", "corsair_list_0");
    entry(in, "^[ \\t,]*(?<corsair_list>.*?)[ \\t,]*$", "$corsair_list");
    close(in, "\"\"");
    for (int k = 1; k <= LIST_PASSES; k++) {
      open(in, "$corsair_list_" + (k - 1), "corsair_list_" + k);
      for (int j = SEPARATORS_PER_PASS; j >= 1; j--) {
        StringBuilder regex = new StringBuilder("^");
        StringBuilder value = new StringBuilder();
        for (int g = 1; g <= j; g++) {
          regex.append("(?<corsair_l").append(g).append(">[^ \\t,]++(?:,[^ \\t,]++)*+)");
          regex.append("[ \\t]*,[ \\t,]*+");
          value.append("${corsair_l").append(g).append("},");
        }
        regex.append("(?<corsair_rest>.*)$");
        value.append("${corsair_rest}");
        entry(in, regex.toString(), value.toString());
      }
      close(in, "$corsair_list_" + (k - 1));
    }
    // Vary: the preflight's; Origin added to an actual response unless its Vary names it.
    open(in, "$corsair_kind|$corsair_policy|$upstream_http_vary", "corsair_vary");
    entry(in, "^none\\|", "\"\"");
    for (Rules r : rules) {
      entry(in, "^preflight\\|" + r.index + "\\|", r.preflightVary());
      if (r.wildcard()) {
        entry(in, "^[a-z]+\\|" + r.index + "\\|", "\"\"");
      }
    }
    entry(in, "^[a-z]+\\|[0-9]+\\|[ \\t]*\\*[ \\t]*$", "\"\"");
    entry(in, "(?i)^[a-z]+\\|[0-9]+\\|(?:.*,)?[ \\t]*origin[ \\t]*(?:,|$)", "\"\"");
    close(in, "Origin");
    open(in, "$http_x_forwarded_proto", "corsair_forwarded_proto");
    line(in + "  \"\" http;");
    close(in, "$http_x_forwarded_proto");
    open(in, "$http_x_forwarded_host", "corsair_forwarded_host");
    line(in + "  \"\" $http_host;");
    close(in, "$http_x_forwarded_host");
    open(in, "$http_upgrade", "corsair_connection");
    line(in + "  \"\" \"\";");
    close(in, "upgrade");
  }

  /** What a header map writes for one policy, or null for nothing. */
  @FunctionalInterface
  private interface Value {
    String of(Rules r);
  }

  private void headerMap(String in, String header, String key, String kinds, Value value) {
    open(in, key, var(header));
    entry(
        in,
        "^none\\|",
        "$upstream_http_" + header.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
    for (Rules r : rules) {
      String v = value.of(r);
      if (v != null) {
        entry(in, "^(?:" + kinds + ")\\|y\\|" + r.index + "$", v);
      }
    }
    close(in, "\"\"");
  }

  private static String var(String header) {
    return "corsair_"
        + header
            .substring("Access-Control-".length())
            .toLowerCase(java.util.Locale.ROOT)
            .replace('-', '_');
  }

  private void open(String in, String key, String variable) {
    line(in + "map " + q(key) + " $" + variable + " {");
  }

  private void entry(String in, String regex, String value) {
    line(
        in
            + "  "
            + q("~" + regex)
            + " "
            + (value.startsWith("$") || value.equals("\"\"") ? value : q(value))
            + ";");
  }

  private void close(String in, String dflt) {
    line(in + "  default " + dflt + ";");
    line(in + "}");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  /** A double-quoted nginx string: backslash and quote escaped, newline as \n. */
  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
