package dev.corsair.gateway;

import dev.corsair.CorsPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gateway's policy sources ({@code CORS_*} variables and/or a YAML file), validated as {@code
 * corsair gateway} validates them, for commands that compile the same policies elsewhere ({@code
 * corsair export}).
 */
public final class PolicySources {
  private PolicySources() {}

  /**
   * The policies, in order (the first whose paths match a request decides it), and the warnings to
   * print.
   */
  public record Loaded(List<CorsPolicy> policies, List<String> warnings) {}

  /**
   * Loads the policies as {@code corsair gateway --config FILE} does.
   *
   * @param file the YAML file, or null for the environment alone
   * @throws dev.corsair.CorsConfigException for an invalid policy from the environment alone
   * @throws IllegalArgumentException for an invalid policy from the file, or an unreadable file,
   *     with the gateway's message
   */
  public static Loaded load(Path file, Map<String, String> env) {
    PolicyConfig.Loaded l = PolicyConfig.load(file, env);
    return new Loaded(List.copyOf(l.engine().policies()), List.copyOf(l.warnings()));
  }
}
