package dev.corsair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Fetch standard's CORS check and CORS-preflight checks (fetch.spec.whatwg.org, "CORS check"
 * and "CORS-preflight fetch" steps 7.1-7.8), written from the standard for use as a test oracle.
 */
final class FetchChecks {
  private FetchChecks() {}

  /** The CORS check: may the page on {@code origin} read a response with these headers. */
  static boolean corsCheck(String origin, boolean includeCredentials, Map<String, String> headers) {
    String acao = headers.get("Access-Control-Allow-Origin");
    if (acao == null) {
      return false;
    }
    if (!includeCredentials && acao.equals("*")) {
      return true;
    }
    if (!acao.equals(origin)) {
      return false;
    }
    if (!includeCredentials) {
      return true;
    }
    return "true".equals(headers.get("Access-Control-Allow-Credentials"));
  }

  /** The preflight checks after a CORS check: status, methods, header names, private network. */
  static boolean preflightCheck(
      String origin,
      boolean includeCredentials,
      int status,
      Map<String, String> headers,
      String method,
      List<String> requestedHeaders,
      boolean privateNetwork) {
    if (status < 200 || status > 299 || !corsCheck(origin, includeCredentials, headers)) {
      return false;
    }
    List<String> methods = parseTokens(headers.get("Access-Control-Allow-Methods"));
    List<String> names = parseTokens(headers.get("Access-Control-Allow-Headers"));
    if (methods == null || names == null) {
      return false;
    }
    boolean safelisted = method.equals("GET") || method.equals("HEAD") || method.equals("POST");
    if (!methods.contains(method)
        && !safelisted
        && (includeCredentials || !methods.contains("*"))) {
      return false;
    }
    List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    for (String h : requestedHeaders) {
      String l = h.toLowerCase(Locale.ROOT);
      boolean wildcard = !includeCredentials && lower.contains("*") && !l.equals("authorization");
      if (!lower.contains(l) && !wildcard) {
        return false;
      }
    }
    return !privateNetwork || "true".equals(headers.get("Access-Control-Allow-Private-Network"));
  }

  /** Parses a header as a list of tokens; absent is an empty list, a non-token element is null. */
  static List<String> parseTokens(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      String t = part.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!Text.isToken(t)) {
        return null;
      }
      out.add(t);
    }
    return out;
  }
}
