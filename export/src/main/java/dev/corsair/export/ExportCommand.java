package dev.corsair.export;

import dev.corsair.gateway.PolicySources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code corsair export ENGINE --upstream URL --listen [HOST:]PORT ...}: the gateway's policy
 * compiled into an nginx, HAProxy, Apache or Caddy configuration that enforces it exactly.
 */
public final class ExportCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair export nginx|haproxy|apache|caddy --upstream URL --listen [HOST:]PORT",
          "         [--config FILE] [--prefix DIR] [--snippet] [--modules-dir DIR]",
          "  Prints one configuration file for the engine that enforces the policy (CORS_*",
          "  variables and/or the YAML FILE, as for corsair gateway) in front of URL.",
          "  --prefix DIR: where the engine writes its pid, logs and temporary files (default .).",
          "  --snippet: only the parts to paste into an existing configuration (not haproxy).",
          "  --modules-dir DIR: the engine's module directory (default: Debian's).");

  private ExportCommand() {}

  /** The parsed command line. */
  record Options(
      String engine,
      String upstream,
      String listen,
      Path config,
      Path prefix,
      boolean snippet,
      Path modulesDir) {

    /**
     * @throws IllegalArgumentException naming the option and what to write instead
     */
    static Options parse(List<String> args) {
      String engine = null;
      String upstream = null;
      String listen = null;
      Path config = null;
      Path prefix = Path.of("");
      boolean snippet = false;
      Path modules = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (name.equals("--snippet")) {
          snippet = true;
          continue;
        }
        if (!name.startsWith("--")) {
          if (engine != null) {
            throw new IllegalArgumentException(
                "unexpected argument '" + a + "'; the engine is already " + engine);
          }
          engine = a;
          continue;
        }
        if (!List.of("--upstream", "--listen", "--config", "--prefix", "--modules-dir")
            .contains(name)) {
          throw new IllegalArgumentException("unknown option " + name);
        }
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args.get(++i);
        }
        switch (name) {
          case "--upstream":
            upstream = value;
            break;
          case "--listen":
            listen = value;
            break;
          case "--config":
            config = Path.of(value);
            break;
          case "--prefix":
            prefix = Path.of(value);
            break;
          default:
            modules = Path.of(value);
        }
      }
      if (engine == null) {
        throw new IllegalArgumentException(
            "give the engine first: nginx, haproxy, apache or caddy");
      }
      if (!List.of("nginx", "haproxy", "apache", "caddy").contains(engine)) {
        throw new IllegalArgumentException(
            "unknown engine '" + engine + "'; write nginx, haproxy, apache or caddy");
      }
      if (upstream == null) {
        throw new IllegalArgumentException(
            "--upstream is required: the backend to proxy, e.g. --upstream http://127.0.0.1:3000");
      }
      if (listen == null) {
        throw new IllegalArgumentException(
            "--listen is required: where the engine listens, e.g. --listen 127.0.0.1:8080");
      }
      if (snippet && engine.equals("haproxy")) {
        throw new IllegalArgumentException(
            "--snippet: HAProxy's CORS rules span a frontend, a backend and global settings;"
                + " export the whole file and merge it, or leave out --snippet");
      }
      return new Options(engine, upstream, listen, config, prefix, snippet, modules);
    }
  }

  /** Prints the configuration; returns the exit status (2 for bad arguments or configuration). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    Options o;
    Target target;
    try {
      o = Options.parse(args);
      String[] up = Target.parseUpstream(o.upstream());
      String[] listen = Target.parseListen(o.listen());
      target =
          new Target(
              listen[0],
              Integer.parseInt(listen[1]),
              up[0],
              Integer.parseInt(up[1]),
              up[2],
              o.prefix().toAbsolutePath().normalize(),
              o.modulesDir() == null ? null : o.modulesDir().toAbsolutePath().normalize());
    } catch (IllegalArgumentException e) {
      err.println("corsair export: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    PolicySources.Loaded loaded;
    try {
      loaded = PolicySources.load(o.config(), env);
    } catch (IllegalArgumentException e) { // CorsConfigException too
      err.println("corsair export: " + e.getMessage());
      return 2;
    }
    for (String w : loaded.warnings()) {
      err.println("corsair export: warning: " + w);
    }
    List<Rules> rules = Rules.of(loaded.policies());
    try {
      out.print(write(o.engine(), rules, target, o.snippet(), o.upstream()));
      return 0;
    } catch (Unsupported e) {
      err.println("corsair export: " + e.getMessage());
      return 2;
    }
  }

  static String write(String engine, List<Rules> rules, Target target, boolean snippet, String url)
      throws Unsupported {
    switch (engine) {
      case "nginx":
        return NginxConfig.write(
            rules,
            target,
            snippet,
            header(
                NginxConfig.VERSIONS,
                "nginx -p "
                    + target.prefix()
                    + " -c "
                    + target.prefix()
                    + "/nginx.conf -e stderr -g 'daemon off;'",
                url,
                target));
      case "haproxy":
        return HaproxyConfig.write(
            rules, target, header(HaproxyConfig.VERSIONS, "haproxy -f FILE -db", url, target));
      case "caddy":
        return CaddyConfig.write(
            rules,
            target,
            snippet,
            header(
                CaddyConfig.VERSIONS, "caddy run --config FILE --adapter caddyfile", url, target));
      default:
        throw new Unsupported(
            engine,
            "ENGINE " + engine,
            "not written yet: see docs/export.md",
            "export nginx or haproxy in front of it, or run corsair gateway");
    }
  }

  private static String header(String versions, String start, String url, Target target) {
    return "# Generated by corsair export: the CORS policy of corsair gateway, enforced at the edge.\n"
        + "# Targets "
        + versions
        + ".\n"
        + "# Listens on "
        + target.listenAddress()
        + ", forwards to "
        + url
        + "; writes only under "
        + target.prefix()
        + ".\n"
        + "# Start: "
        + start
        + "\n"
        + "# Regenerate it rather than edit it: every rule below is one check of the policy.\n";
  }
}
