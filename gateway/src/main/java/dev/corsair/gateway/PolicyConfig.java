package dev.corsair.gateway;

import dev.corsair.CorsConfigException;
import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds the gateway's policies from {@code CORS_*} variables and/or a YAML file. With a file,
 * every {@code CORS_*} variable that is set overrides that setting in each of the file's policies;
 * without one, the variables make the single policy.
 */
final class PolicyConfig {
  /** The {@code CORS_*} settings (README.md, Settings) that override the file when set. */
  static final List<String> ENV_NAMES =
      List.of(
          "CORS_ALLOWED_ORIGINS",
          "CORS_ALLOWED_METHODS",
          "CORS_ALLOWED_HEADERS",
          "CORS_EXPOSED_HEADERS",
          "CORS_ALLOW_CREDENTIALS",
          "CORS_MAX_AGE",
          "CORS_ALLOW_PRIVATE_NETWORK",
          "CORS_PREFLIGHT_STATUS",
          "CORS_PATHS",
          "CORS_LOG_WINDOW",
          "CORS_LOG_LEVEL");

  private PolicyConfig() {}

  /** What was loaded: the engine and the warnings to print. */
  record Loaded(CorsEngine engine, List<String> warnings) {}

  /**
   * Loads the policies.
   *
   * @param file the YAML file, or null for the environment alone
   * @throws CorsConfigException for an invalid policy (every problem, named as the user wrote it)
   * @throws IllegalArgumentException for an unreadable or malformed file
   */
  static Loaded load(Path file, Map<String, String> env) {
    if (file == null) {
      CorsPolicy p = CorsPolicy.fromEnvironment(env);
      return new Loaded(CorsEngine.of(p), p.warnings());
    }
    List<Map<String, Object>> entries = readFile(file);
    List<CorsPolicy> policies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = file.getFileName() + " policies[" + i + "]";
      CorsPolicy.Builder b = CorsPolicy.builder();
      for (Map.Entry<String, Object> e : entries.get(i).entrySet()) {
        String key = e.getKey();
        String name = key.startsWith("cors.") || key.startsWith("CORS_") ? key : "cors." + key;
        b.set(name, text(e.getValue()));
      }
      for (String var : ENV_NAMES) {
        if (env.containsKey(var)) {
          b.set(var, env.get(var));
        }
      }
      try {
        CorsPolicy p = b.build();
        policies.add(p);
        p.warnings().forEach(w -> warnings.add(where + ": " + w));
      } catch (CorsConfigException ex) {
        for (CorsConfigException.Problem pr : ex.problems()) {
          String setting = pr.setting();
          String shown =
              setting.startsWith("CORS_")
                  ? setting
                  : where + "." + (setting.startsWith("cors.") ? setting.substring(5) : setting);
          problems.add(shown + ": " + pr.message().replace("did you mean cors.", "did you mean "));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid CORS configuration"
              + (problems.size() == 1 ? ": " : " (" + problems.size() + " problems):\n  ")
              + String.join("\n  ", problems));
    }
    return new Loaded(CorsEngine.of(policies.toArray(new CorsPolicy[0])), warnings);
  }

  private static List<Map<String, Object>> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--config " + file + ": cannot read the file (" + e + "); give a readable YAML file");
    }
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(
          "--config "
              + file
              + ": not valid YAML: "
              + e.getMessage().replace('\n', ' ')
              + (e.getMessage().contains("alias")
                  ? "; a bare * starts a YAML alias: quote it, as in allowed-origins: '*'"
                  : "; fix the line it names"));
    }
    String shape =
        "; write 'policies:' followed by a list of maps such as '- allowed-origins: https://app.example.com'";
    if (!(doc instanceof Map)) {
      throw new IllegalArgumentException("--config " + file + ": the file is not a map" + shape);
    }
    Map<?, ?> root = (Map<?, ?>) doc;
    Map<Object, Object> single = new java.util.LinkedHashMap<>(root);
    single.remove("limits"); // the client limits (ClientLimits), not a policy setting
    Object list = root.containsKey("policies") ? root.get("policies") : List.of(single);
    if (!(list instanceof List) || ((List<?>) list).isEmpty()) {
      throw new IllegalArgumentException(
          "--config " + file + ": 'policies' must be a non-empty list" + shape);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    int i = 0;
    for (Object o : (List<?>) list) {
      if (!(o instanceof Map)) {
        throw new IllegalArgumentException(
            "--config " + file + ": policies[" + i + "] is not a map" + shape);
      }
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        m.put(String.valueOf(e.getKey()), e.getValue());
      }
      out.add(m);
      i++;
    }
    return out;
  }

  /** A YAML value as the text a setting takes: lists are joined with commas. */
  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(PolicyConfig::text).collect(Collectors.joining(","));
    }
    return String.valueOf(v);
  }
}
