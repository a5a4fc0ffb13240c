package dev.corsair.spring.boot;

import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code cors}: the policies in force, as settings, and how many requests
 * were refused since start, by reason ({@code ORIGIN_NOT_ALLOWED}, {@code HEADER_NOT_ALLOWED},
 * ...). Expose it like any endpoint: {@code management.endpoints.web.exposure.include=health,cors}.
 */
@Endpoint(id = "cors")
public class CorsEndpoint {
  private final CorsEngine engine;

  public CorsEndpoint(CorsEngine engine) {
    this.engine = engine;
  }

  /** {@code {"policies": [{"allowed-origins": [...], ...}], "refusals": {"REASON": n, ...}}}. */
  @ReadOperation
  public Map<String, Object> cors() {
    List<Map<String, Object>> policies = new ArrayList<>();
    for (CorsPolicy p : engine.policies()) {
      policies.add(settings(p));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policies", policies);
    out.put("refusals", new LinkedHashMap<>(engine.refusalCounts()));
    return out;
  }

  /** One policy under the property keys of README.md's settings table. */
  static Map<String, Object> settings(CorsPolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed-origins", p.allowedOrigins());
    m.put("allowed-methods", p.allowedMethods());
    m.put("allowed-headers", p.allowedHeaders());
    m.put("exposed-headers", p.exposedHeaders());
    m.put("allow-credentials", p.allowsCredentials());
    m.put("max-age", p.maxAgeSeconds());
    m.put("allow-private-network", p.allowsPrivateNetwork());
    m.put("preflight-status", p.preflightStatus());
    m.put("paths", p.paths());
    return m;
  }
}
