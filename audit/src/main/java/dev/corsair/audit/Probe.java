package dev.corsair.audit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One probe: the request corsair audit sent and the response it got, the evidence behind a finding.
 * Request headers are the ones the probe chose (Origin and Access-Control-Request-*); response
 * headers are all of them.
 */
record Probe(
    String method,
    URI uri,
    List<Map.Entry<String, String>> requestHeaders,
    int status,
    Map<String, List<String>> responseHeaders) {

  Probe {
    requestHeaders = List.copyOf(requestHeaders);
    responseHeaders = Map.copyOf(responseHeaders);
  }

  /** The Origin this probe sent, or null. */
  String origin() {
    for (Map.Entry<String, String> h : requestHeaders) {
      if (h.getKey().equalsIgnoreCase("Origin")) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Every value of a response header (case-insensitive name), in order; empty when absent. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        values.addAll(e.getValue());
      }
    }
    return values;
  }

  /**
   * A response header as a browser reads it: each line stripped of surrounding whitespace, several
   * lines joined with ", ", or null when absent.
   */
  String header(String name) {
    List<String> values = all(name);
    return values.isEmpty()
        ? null
        : values.stream().map(String::strip).collect(Collectors.joining(", "));
  }

  /** The Access-Control-Allow-Origin value, or null. */
  String allowOrigin() {
    return header("Access-Control-Allow-Origin");
  }

  /** Whether the response lets the browser expose it to {@code origin} (an exact echo, no '*'). */
  boolean grants(String origin) {
    return origin != null && origin.equals(allowOrigin());
  }

  /** Whether Access-Control-Allow-Credentials is exactly {@code true}, as browsers require. */
  boolean allowsCredentials() {
    return "true".equals(header("Access-Control-Allow-Credentials"));
  }

  /** Whether {@code Vary} names {@code Origin} (or is {@code *}). */
  boolean variesOnOrigin() {
    for (String value : all("Vary")) {
      for (String part : value.split(",")) {
        String p = part.trim();
        if (p.equalsIgnoreCase("Origin") || p.equals("*")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The request and the response headers that matter to CORS, in HTTP/1.1 form: what a reader needs
   * to reproduce the finding with curl.
   */
  String evidence() {
    StringBuilder b = new StringBuilder();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    b.append(method).append(' ').append(path).append(" HTTP/1.1\n");
    b.append("Host: ").append(uri.getRawAuthority()).append('\n');
    for (Map.Entry<String, String> h : requestHeaders) {
      b.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
    }
    b.append('\n').append("HTTP/1.1 ").append(status);
    for (Map.Entry<String, List<String>> e : corsResponseHeaders()) {
      for (String v : e.getValue()) {
        b.append('\n').append(canonical(e.getKey())).append(": ").append(v);
      }
    }
    return b.toString();
  }

  /** {@code access-control-allow-origin} as {@code Access-Control-Allow-Origin}. */
  static String canonical(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return b.toString();
  }

  /** The response headers that matter to CORS ({@code Access-Control-*}, {@code Vary}), by name. */
  List<Map.Entry<String, List<String>>> corsResponseHeaders() {
    return responseHeaders.entrySet().stream()
        .filter(
            e -> {
              String n = e.getKey().toLowerCase(Locale.ROOT);
              return n.startsWith("access-control-") || n.equals("vary");
            })
        .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
        .collect(Collectors.toList());
  }
}
