package dev.corsair.audit;

import dev.corsair.tools.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an audit result for people (grouped by severity), as JSON, and as SARIF 2.1.0. */
final class Reports {
  private Reports() {}

  static final String INFORMATION_URI = "https://github.com/corsair-dev/corsair";

  /** The findings grouped by severity, most severe first, each with its proof and fix. */
  static String human(Auditor.Result r, Severity failOn) {
    StringBuilder b = new StringBuilder();
    b.append("corsair audit ")
        .append(r.url())
        .append("\ntrusted origin: ")
        .append(r.trusted())
        .append(", ")
        .append(r.requests())
        .append(" requests\n");
    for (String note : r.notes()) {
      b.append("note: ").append(note).append('\n');
    }
    List<Finding> findings = r.findings();
    if (findings.isEmpty()) {
      return b.append("\nNo CORS misconfiguration found.\n").toString();
    }
    List<String> counts = new ArrayList<>();
    for (int s = Severity.values().length - 1; s >= 0; s--) {
      Severity sev = Severity.values()[s];
      List<Finding> group =
          findings.stream().filter(f -> f.severity() == sev).collect(Collectors.toList());
      if (group.isEmpty()) {
        continue;
      }
      counts.add(group.size() + " " + sev.label());
      b.append('\n').append(sev.name()).append(" (").append(group.size()).append(")\n");
      for (Finding f : group) {
        b.append("  ")
            .append(f.id())
            .append(": the server ")
            .append(f.misconfiguration().meaning())
            .append(f.proof().allowsCredentials() ? ", with credentials (one level higher)" : "")
            .append("\n    probe origin: ")
            .append(f.origin())
            .append('\n');
        for (String line : f.evidence().split("\n", -1)) {
          b.append(line.isEmpty() ? "    |" : "    | " + line).append('\n');
        }
        b.append(wrap("    fix: ", f.fix(), "         ")).append('\n');
      }
    }
    boolean fails = findings.stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0);
    b.append('\n')
        .append(findings.size())
        .append(findings.size() == 1 ? " finding (" : " findings (")
        .append(String.join(", ", counts))
        .append(fails ? "): at or above " : "): none at or above ")
        .append("--fail-on ")
        .append(failOn.label())
        .append(".\n");
    return b.toString();
  }

  /** {@code prefix} then {@code text}, broken at spaces into lines of at most 100 characters. */
  static String wrap(String prefix, String text, String indent) {
    StringBuilder b = new StringBuilder(prefix);
    int lineStart = 0;
    boolean first = true;
    for (String word : text.split(" ")) {
      if (!first && b.length() - lineStart + 1 + word.length() > 100) {
        b.append('\n');
        lineStart = b.length();
        b.append(indent);
      } else if (!first) {
        b.append(' ');
      }
      b.append(word);
      first = false;
    }
    return b.toString();
  }

  /** {@code {"url":..., "findings":[{"id","severity","origin","evidence","fix"}]}}. */
  static String json(Auditor.Result r) {
    List<Object> findings = new ArrayList<>();
    for (Finding f : r.findings()) {
      findings.add(
          object(
              "id", f.id(),
              "severity", f.severity().label(),
              "origin", f.origin(),
              "evidence", f.evidence(),
              "fix", f.fix()));
    }
    return Json.write(object("url", r.url().toString(), "findings", findings));
  }

  /**
   * A SARIF 2.1.0 log: one rule per misconfiguration, one result per finding, located at the
   * audited URL and carrying the probe as {@code webRequest} and the answer as {@code webResponse}.
   */
  static String sarif(Auditor.Result r, String version) {
    List<Object> rules = new ArrayList<>();
    for (Misconfiguration m : Misconfiguration.values()) {
      rules.add(
          object(
              "id", m.id(),
              "shortDescription", object("text", "The server " + m.meaning() + "."),
              "help", object("text", m.fix()),
              "defaultConfiguration", object("level", level(m.base())),
              "properties",
                  object(
                      "security-severity", securitySeverity(m.base()),
                      "tags", List.of("security", "cors"))));
    }
    List<Object> results = new ArrayList<>();
    for (Finding f : r.findings()) {
      Probe p = f.proof();
      String message =
          "The server "
              + f.misconfiguration().meaning()
              + (p.allowsCredentials() ? ", with credentials" : "")
              + " (probe origin "
              + f.origin()
              + "). Fix: "
              + f.fix();
      results.add(
          object(
              "ruleId", f.id(),
              "ruleIndex", f.misconfiguration().ordinal(),
              "level", level(f.severity()),
              "message", object("text", message),
              "locations",
                  List.of(
                      object(
                          "physicalLocation",
                          object("artifactLocation", object("uri", r.url().toString())))),
              "webRequest",
                  object(
                      "protocol", "HTTP",
                      "version", "1.1",
                      "target", p.uri().toString(),
                      "method", p.method(),
                      "headers", headers(p.requestHeaders())),
              "webResponse",
                  object(
                      "protocol",
                      "HTTP",
                      "version",
                      "1.1",
                      "statusCode",
                      p.status(),
                      "headers",
                      headers(corsHeaders(p))),
              "properties",
                  object(
                      "severity", f.severity().label(),
                      "origin", f.origin(),
                      "evidence", f.evidence())));
    }
    Map<String, Object> driver =
        object(
            "name", "corsair-audit",
            "version", version,
            "informationUri", INFORMATION_URI,
            "rules", rules);
    return Json.write(
        object(
            "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
            "version", "2.1.0",
            "runs", List.of(object("tool", object("driver", driver), "results", results))));
  }

  /** A JSON object from alternating names and values, in that order. */
  private static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  /** SARIF levels: error for high and critical, warning for medium, note for low. */
  static String level(Severity s) {
    switch (s) {
      case CRITICAL:
      case HIGH:
        return "error";
      case MEDIUM:
        return "warning";
      default:
        return "note";
    }
  }

  /** The CVSS-like score GitHub code scanning maps to its severity badges. */
  static String securitySeverity(Severity s) {
    switch (s) {
      case CRITICAL:
        return "9.5";
      case HIGH:
        return "8.0";
      case MEDIUM:
        return "5.5";
      default:
        return "3.0";
    }
  }

  private static List<Map.Entry<String, String>> corsHeaders(Probe ex) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : ex.corsResponseHeaders()) {
      out.add(Map.entry(Probe.canonical(e.getKey()), String.join(", ", e.getValue())));
    }
    return out;
  }

  /** Header lines as a JSON object, in order; a repeated name gets its values joined by ", ". */
  private static Map<String, Object> headers(List<Map.Entry<String, String>> headers) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      m.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b);
    }
    return m;
  }
}
