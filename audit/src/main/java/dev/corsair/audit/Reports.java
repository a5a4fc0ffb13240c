package dev.corsair.audit;

import dev.corsair.tools.Json;
import java.util.ArrayList;
import java.util.Iterator;
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
    StringBuilder b = new StringBuilder();
    b.append("{\"url\":").append(Json.quote(r.url().toString())).append(",\"findings\":[");
    for (Iterator<Finding> it = r.findings().iterator(); it.hasNext(); ) {
      Finding f = it.next();
      b.append("{\"id\":")
          .append(Json.quote(f.id()))
          .append(",\"severity\":")
          .append(Json.quote(f.severity().label()))
          .append(",\"origin\":")
          .append(Json.quote(f.origin()))
          .append(",\"evidence\":")
          .append(Json.quote(f.evidence()))
          .append(",\"fix\":")
          .append(Json.quote(f.fix()))
          .append('}');
      if (it.hasNext()) {
        b.append(',');
      }
    }
    return b.append("]}").toString();
  }

  /**
   * A SARIF 2.1.0 log: one rule per check, one result per finding, located at the audited URL and
   * carrying the probe as {@code webRequest} and the answer as {@code webResponse}.
   */
  static String sarif(Auditor.Result r, String version) {
    StringBuilder b = new StringBuilder();
    b.append("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",")
        .append("\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{")
        .append("\"name\":\"corsair-audit\",\"version\":")
        .append(Json.quote(version))
        .append(",\"informationUri\":")
        .append(Json.quote(INFORMATION_URI))
        .append(",\"rules\":[");
    Misconfiguration[] rules = Misconfiguration.values();
    for (int i = 0; i < rules.length; i++) {
      Misconfiguration c = rules[i];
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(Json.quote(c.id()))
          .append(",\"shortDescription\":{\"text\":")
          .append(Json.quote("The server " + c.meaning() + "."))
          .append("},\"help\":{\"text\":")
          .append(Json.quote(c.fix()))
          .append("},\"defaultConfiguration\":{\"level\":")
          .append(Json.quote(level(c.base())))
          .append("},\"properties\":{\"security-severity\":")
          .append(Json.quote(securitySeverity(c.base())))
          .append(",\"tags\":[\"security\",\"cors\"]}}");
    }
    b.append("]}},\"results\":[");
    List<Finding> findings = r.findings();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      Probe ex = f.proof();
      b.append(i == 0 ? "" : ",")
          .append("{\"ruleId\":")
          .append(Json.quote(f.id()))
          .append(",\"ruleIndex\":")
          .append(f.misconfiguration().ordinal())
          .append(",\"level\":")
          .append(Json.quote(level(f.severity())))
          .append(",\"message\":{\"text\":")
          .append(
              Json.quote(
                  "The server "
                      + f.misconfiguration().meaning()
                      + (ex.allowsCredentials() ? ", with credentials" : "")
                      + " (probe origin "
                      + f.origin()
                      + "). Fix: "
                      + f.fix()))
          .append("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":")
          .append(Json.quote(r.url().toString()))
          .append("}}}],\"webRequest\":{\"protocol\":\"HTTP\",\"version\":\"1.1\",\"target\":")
          .append(Json.quote(ex.uri().toString()))
          .append(",\"method\":")
          .append(Json.quote(ex.method()))
          .append(",\"headers\":")
          .append(headers(ex.requestHeaders()))
          .append("},\"webResponse\":{\"protocol\":\"HTTP\",\"version\":\"1.1\",\"statusCode\":")
          .append(ex.status())
          .append(",\"headers\":")
          .append(headers(corsHeaders(ex)))
          .append("},\"properties\":{\"severity\":")
          .append(Json.quote(f.severity().label()))
          .append(",\"origin\":")
          .append(Json.quote(f.origin()))
          .append(",\"evidence\":")
          .append(Json.quote(f.evidence()))
          .append("}}");
    }
    return b.append("]}]}").toString();
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

  private static String headers(List<Map.Entry<String, String>> headers) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < headers.size(); i++) {
      Map.Entry<String, String> h = headers.get(i);
      b.append(i == 0 ? "" : ",")
          .append(Json.quote(h.getKey()))
          .append(':')
          .append(Json.quote(h.getValue()));
    }
    return b.append('}').toString();
  }
}
