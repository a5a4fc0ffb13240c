package dev.corsair.export;

import dev.corsair.testkit.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real engine (nginx, haproxy, apache2, caddy) running an exported configuration in a temporary
 * prefix on a free loopback port, started exactly as docs/export.md says. Closing it stops the
 * process and deletes the prefix.
 */
final class Edge implements AutoCloseable {
  final String engine;
  final Path prefix;
  final String config;
  private final Process process;
  private final int port;
  private final Path log;

  private Edge(String engine, Path prefix, String config, Process process, int port, Path log) {
    this.engine = engine;
    this.prefix = prefix;
    this.config = config;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Exports {@code policy} for {@code engine}, starts the engine and waits until it listens. */
  static Edge start(String engine, Map<String, String> policy, URI upstream, String... extra)
      throws Exception {
    return start(engine, policy, upstream, false, extra);
  }

  /**
   * Exports {@code policy} with {@code --snippet} and pastes it where its comments say into a
   * minimal configuration of {@code engine} (nginx, apache or caddy), then starts the engine.
   */
  static Edge startPasted(String engine, Map<String, String> policy, URI upstream)
      throws Exception {
    return start(engine, policy, upstream, true, "--snippet");
  }

  private static String paste(String engine, String snippet, Path prefix, int port) {
    if (engine.equals("nginx")) {
      int split = snippet.indexOf("# Paste this part into the server { } block");
      StringBuilder b = new StringBuilder();
      b.append("load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;\n");
      b.append("pid ").append(prefix).append("/nginx.pid;\nevents {}\nhttp {\n");
      for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
        b.append(t).append("_temp_path ").append(prefix).append('/').append(t).append(";\n");
      }
      b.append("access_log off;\n").append(snippet, 0, split);
      b.append("server {\nlisten 127.0.0.1:").append(port).append(";\n");
      return b.append(snippet.substring(split)).append("}\n}\n").toString();
    }
    if (engine.equals("apache")) {
      StringBuilder b = new StringBuilder();
      b.append("DefaultRuntimeDir ").append(prefix).append('\n');
      b.append("PidFile ").append(prefix).append("/apache2.pid\n");
      b.append("Mutex file:").append(prefix).append(" default\n");
      b.append("ErrorLog ").append(prefix).append("/error.log\n");
      b.append("ServerName 127.0.0.1\nListen 127.0.0.1:").append(port).append('\n');
      for (String m :
          List.of("mpm_event", "authz_core", "headers", "rewrite", "proxy", "proxy_http", "lua")) {
        b.append("LoadModule ").append(m).append("_module /usr/lib/apache2/modules/mod_");
        b.append(m).append(".so\n");
      }
      b.append("<VirtualHost 127.0.0.1:").append(port).append(">\n").append(snippet);
      return b.append("</VirtualHost>\n").toString();
    }
    return "{\n\tadmin off\n\tauto_https off\n\tstorage file_system "
        + prefix
        + "/caddy\n}\nhttp://:"
        + port
        + " {\n\tbind 127.0.0.1\n"
        + snippet
        + "}\n";
  }

  private static Edge start(
      String engine, Map<String, String> policy, URI upstream, boolean pasted, String... extra)
      throws Exception {
    Path prefix = Files.createTempDirectory("corsair-" + engine + "-");
    // The engines drop root privileges for their workers (nobody, www-data) when the tests run as
    // root: the prefix must be theirs to write too.
    Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port = Loopback.freePort();
    List<String> args = new ArrayList<>(List.of(engine, "--upstream", upstream.toString()));
    args.addAll(List.of("--listen", "127.0.0.1:" + port, "--prefix", prefix.toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ExportCommand.run(
            args,
            policy,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException("export failed (" + status + "): " + err);
    }
    String config = out.toString(StandardCharsets.UTF_8);
    if (pasted) {
      config = paste(engine, config, prefix, port);
    }
    Path file = prefix.resolve(fileName(engine));
    Files.writeString(file, config);
    Path log = prefix.resolve("engine-output.log");
    ProcessBuilder pb =
        new ProcessBuilder(command(engine, prefix, file))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Caddy 2.6 saves autosave.json under $XDG_CONFIG_HOME whatever the Caddyfile says.
    pb.environment().put("XDG_CONFIG_HOME", prefix.toString());
    Process p = pb.start();
    Edge edge = new Edge(engine, prefix, config, p, port, log);
    try {
      edge.awaitListening();
    } catch (Exception e) {
      edge.close();
      throw e;
    }
    return edge;
  }

  static String fileName(String engine) {
    switch (engine) {
      case "nginx":
        return "nginx.conf";
      case "haproxy":
        return "haproxy.cfg";
      case "apache":
        return "apache2.conf";
      default:
        return "Caddyfile";
    }
  }

  /** An engine's executable: on the PATH, or in /usr/sbin where Debian puts them. */
  static String executable(String name) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return name;
  }

  /** The command lines docs/export.md gives. */
  static List<String> command(String engine, Path prefix, Path file) {
    switch (engine) {
      case "nginx":
        return List.of(
            "nginx",
            "-p",
            prefix.toString(),
            "-c",
            file.toString(),
            "-e",
            "stderr",
            "-g",
            "daemon off;");
      case "haproxy":
        return List.of(executable("haproxy"), "-f", file.toString(), "-db");
      case "apache":
        // Apache refuses to serve as root without a User: as root, the tests start it as nobody.
        List<String> apache = List.of(executable("apache2"), "-f", file.toString(), "-DFOREGROUND");
        if (!System.getProperty("user.name").equals("root")) {
          return apache;
        }
        List<String> asNobody =
            new ArrayList<>(
                List.of(
                    executable("setpriv"), "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        asNobody.addAll(apache);
        return asNobody;
      default:
        return List.of(
            executable("caddy"), "run", "--config", file.toString(), "--adapter", "caddyfile");
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            engine + " exited with " + process.exitValue() + ":\n" + output());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(engine + " did not listen within 30 s:\n" + output());
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
