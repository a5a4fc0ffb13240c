package dev.corsair.check;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.CorsPolicy;
import dev.corsair.jdkhttp.CorsHttpFilter;
import dev.corsair.testkit.Loopback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real servers of each stack for {@link StackFixIT}, started from the apps in {@code
 * src/test/stacks}: in a given CORS state (written as that stack's developers write it), or with
 * the snippet {@code check --stack} printed pasted where its notes say. Every process runs under
 * {@code timeout}, so it stops even if the test JVM dies.
 */
final class StackServers {
  private StackServers() {}

  static final Path APPS = Path.of("src/test/stacks").toAbsolutePath();
  static final Path WORK = Path.of("target/stack-fix-it").toAbsolutePath();
  static final String PYTHON = "/usr/bin/python3";

  /** A CORS configuration in a stack-neutral form. */
  record Cors(
      List<String> origins, List<String> methods, List<String> headers, boolean credentials) {}

  /** A running server; closing it stops it. */
  interface Server extends AutoCloseable {
    String base();

    /** What the server printed (for failure messages). */
    String log();

    @Override
    void close();
  }

  /** A stack: starts its app in a state ({@code broken}, null for no CORS) or with a fix pasted. */
  interface Stack {
    String name();

    /**
     * Starts the app.
     *
     * @param broken the CORS state it had before (null: no CORS at all)
     * @param snippet null to start it broken, else the printed fix pasted into it
     */
    Server start(Cors broken, String snippet) throws Exception;
  }

  static final List<Stack> ALL =
      List.of(
          named("corsair", StackServers::corsair),
          named("express", StackServers::express),
          named("fastapi", StackServers::fastapi),
          named("flask", StackServers::flask),
          named("django", StackServers::django),
          named("rails", StackServers::rails),
          named("nginx", StackServers::nginx),
          named("spring", StackServers::spring));

  interface Starter {
    Server start(Cors broken, String snippet) throws Exception;
  }

  static Stack named(String name, Starter starter) {
    return new Stack() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Server start(Cors broken, String snippet) throws Exception {
        return starter.start(broken, snippet);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static int runs;

  /** A fresh copy of a stack's app directory. */
  static synchronized Path copyApp(String stack) throws IOException {
    Path dir = WORK.resolve(stack + "-" + (++runs));
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    Path from = APPS.resolve(stack);
    if (Files.isDirectory(from)) {
      try (Stream<Path> s = Files.walk(from)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Path rel = from.relativize(p);
          if (rel.toString().startsWith("node_modules")) {
            continue;
          }
          Path to = dir.resolve(rel.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    }
    return dir;
  }

  /** Replaces the marker line (e.g. {@code # CORS}) of a file with text. */
  static void replaceMarker(Path file, String marker, String text) throws IOException {
    String s = Files.readString(file);
    if (!s.contains(marker)) {
      throw new IllegalStateException(file + " has no marker " + marker);
    }
    Files.writeString(file, s.replace(marker, text));
  }

  static String list(List<String> items, Function<String, String> quote) {
    List<String> q = new ArrayList<>();
    for (String s : items) {
      q.add(quote.apply(s));
    }
    return String.join(", ", q);
  }

  static String sq(String s) {
    return "'" + s + "'";
  }

  static String dq(String s) {
    return "\"" + s + "\"";
  }

  /** A process under {@code timeout 300}, its output in {@code dir/server.log}, ready on port. */
  static Server process(Path dir, List<String> command, Map<String, String> env, int port)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("timeout", "300"));
    cmd.addAll(command);
    Path log = dir.resolve("server.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    Server server =
        new Server() {
          @Override
          public String base() {
            return "http://127.0.0.1:" + port;
          }

          @Override
          public String log() {
            try {
              String s = Files.readString(log, StandardCharsets.ISO_8859_1);
              return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
            } catch (IOException e) {
              return "(no log: " + e + ")";
            }
          }

          @Override
          public void close() {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
              if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try (Socket s = new Socket(Loopback.HOST, port)) {
        s.shutdownOutput();
        warmUp(server.base() + "/api/items");
        return server;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "the server exited (" + p.exitValue() + ") before listening:\n" + server.log());
        }
        if (System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException(
              "the server did not listen within 120 s:\n" + server.log());
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * One request with a generous timeout before the checks (whose timeout is 15 s): some servers
   * finish starting on their first request, which takes long on a loaded machine.
   */
  static void warmUp(String url) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
    c.setConnectTimeout(60_000);
    c.setReadTimeout(90_000);
    try {
      c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  /** A JDK server on loopback answering every request 200 {"ok":true}; optionally CORS-filtered. */
  static HttpServer jdkServer(CorsPolicy policy) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 16);
    var context =
        server.createContext(
            "/",
            ex -> {
              try (ex) {
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
              }
            });
    if (policy != null) {
      context.getFilters().add(new CorsHttpFilter(policy));
    }
    server.start();
    return server;
  }

  static Server inProcess(HttpServer server, String log) {
    return new Server() {
      @Override
      public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
      }

      @Override
      public String log() {
        return log;
      }

      @Override
      public void close() {
        server.stop(0);
      }
    };
  }

  /** Adds an origin next to the page's in a printed snippet, as its notes tell a developer. */
  static String addOrigin(String stack, String snippet, String page, String origin) {
    String added;
    switch (stack) {
      case "corsair":
        added = snippet.replace("=" + page, "=" + page + "," + origin);
        break;
      case "nginx":
        String block =
            "    if ($http_origin = \""
                + page
                + "\") {\n        set $cors_origin $http_origin;\n    }\n";
        added = snippet.replace(block, block + block.replace(page, origin));
        break;
      case "express":
        added = snippet.replace(sq(page), sq(page) + ", " + sq(origin));
        break;
      default:
        added = snippet.replace(dq(page), dq(page) + ", " + dq(origin));
    }
    if (added.equals(snippet)) {
      throw new IllegalStateException("no place for another origin in\n" + snippet);
    }
    return added;
  }

  // ---- corsair: CorsHttpFilter configured from the environment --------------------------------

  static Server corsair(Cors broken, String snippet) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    if (broken != null) {
      env.put("CORS_ALLOWED_ORIGINS", String.join(",", broken.origins()));
      env.put("CORS_ALLOWED_METHODS", String.join(",", broken.methods()));
      env.put("CORS_ALLOWED_HEADERS", String.join(",", broken.headers()));
      env.put("CORS_ALLOW_CREDENTIALS", String.valueOf(broken.credentials()));
    }
    if (snippet != null) {
      // as a developer sets the printed variables in the server's environment
      for (String line : snippet.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
      }
    }
    CorsPolicy policy = env.isEmpty() ? null : CorsPolicy.fromEnvironment(env);
    return inProcess(jdkServer(policy), "environment: " + env);
  }

  // ---- express + cors -------------------------------------------------------------------------

  static Server express(Cors broken, String snippet) throws Exception {
    Path nodeModules = APPS.resolve("express/node_modules");
    if (!NodeModules.ensure(APPS.resolve("express"), "cors")) {
      throw new IllegalStateException(
          "express and cors are not installed and npm ci could not install them: npm ci --prefix"
              + " check/src/test/stacks/express (.ci/run does it)");
    }
    Path dir = copyApp("express");
    String cors = "";
    if (broken != null) {
      cors =
          "const cors = require('cors');\napp.use(cors({\n  origin: ["
              + list(broken.origins(), StackServers::sq)
              + "],\n  methods: ["
              + list(broken.methods(), StackServers::sq)
              + "],\n  allowedHeaders: ["
              + list(broken.headers(), StackServers::sq)
              + "],\n  credentials: "
              + broken.credentials()
              + ",\n}));";
    }
    replaceMarker(dir.resolve("app.js"), "/* CORS */", snippet != null ? snippet : cors);
    int port = Loopback.freePort();
    return process(
        dir,
        List.of("node", "app.js", String.valueOf(port)),
        Map.of("NODE_PATH", nodeModules.toString()),
        port);
  }

  // ---- FastAPI --------------------------------------------------------------------------------

  static Server fastapi(Cors broken, String snippet) throws Exception {
    Path dir = copyApp("fastapi");
    String cors = "";
    if (broken != null) {
      cors =
          "from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(\n"
              + "    CORSMiddleware,\n    allow_origins=["
              + list(broken.origins(), StackServers::dq)
              + "],\n    allow_methods=["
              + list(broken.methods(), StackServers::dq)
              + "],\n    allow_headers=["
              + list(broken.headers(), StackServers::dq)
              + "],\n    allow_credentials="
              + (broken.credentials() ? "True" : "False")
              + ",\n)";
    }
    replaceMarker(dir.resolve("app.py"), "# CORS", snippet != null ? snippet : cors);
    int port = Loopback.freePort();
    return process(dir, List.of(PYTHON, "app.py", String.valueOf(port)), Map.of(), port);
  }

  // ---- Flask + flask-cors ---------------------------------------------------------------------

  static Server flask(Cors broken, String snippet) throws Exception {
    Path dir = copyApp("flask");
    String cors = "";
    if (broken != null) {
      cors =
          "from flask_cors import CORS\n\nCORS(\n    app,\n    origins=["
              + list(broken.origins(), StackServers::dq)
              + "],\n    methods=["
              + list(broken.methods(), StackServers::dq)
              + "],\n    allow_headers=["
              + list(broken.headers(), StackServers::dq)
              + "],\n    supports_credentials="
              + (broken.credentials() ? "True" : "False")
              + ",\n)";
    }
    replaceMarker(dir.resolve("app.py"), "# CORS", snippet != null ? snippet : cors);
    int port = Loopback.freePort();
    return process(dir, List.of(PYTHON, "app.py", String.valueOf(port)), Map.of(), port);
  }

  // ---- Django + django-cors-headers -----------------------------------------------------------

  static Server django(Cors broken, String snippet) throws Exception {
    Path dir = copyApp("django");
    String cors = "";
    if (broken != null) {
      // as a project that already uses django-cors-headers has it
      List<String> lower = new ArrayList<>();
      for (String h : broken.headers()) {
        lower.add(h.toLowerCase(Locale.ROOT));
      }
      cors =
          "INSTALLED_APPS += [\"corsheaders\"]\n"
              + "MIDDLEWARE.insert(0, \"corsheaders.middleware.CorsMiddleware\")\n"
              + "CORS_ALLOWED_ORIGINS = ["
              + list(broken.origins(), StackServers::dq)
              + "]\nCORS_ALLOW_METHODS = ["
              + list(broken.methods(), StackServers::dq)
              + "]\nCORS_ALLOW_HEADERS = ["
              + list(lower, StackServers::dq)
              + "]\nCORS_ALLOW_CREDENTIALS = "
              + (broken.credentials() ? "True" : "False")
              + "\n";
    }
    Path settings = dir.resolve("settings.py");
    replaceMarker(settings, "# CORS", cors);
    if (snippet != null) {
      // the notes: paste at the end of settings.py
      Files.writeString(settings, Files.readString(settings) + "\n" + snippet + "\n");
    }
    int port = Loopback.freePort();
    return process(
        dir,
        List.of(
            PYTHON,
            "-m",
            "django",
            "runserver",
            "--noreload",
            "--settings=settings",
            "--pythonpath=" + dir,
            "127.0.0.1:" + port),
        Map.of(),
        port);
  }

  // ---- Rails + rack-cors ----------------------------------------------------------------------

  static Server rails(Cors broken, String snippet) throws Exception {
    Path dir = copyApp("rails");
    Path initializers = Files.createDirectories(dir.resolve("config/initializers"));
    String cors = null;
    if (broken != null) {
      List<String> methods = new ArrayList<>();
      for (String m : broken.methods()) {
        methods.add(":" + m.toLowerCase(Locale.ROOT));
      }
      cors =
          "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n"
              + "    origins "
              + list(broken.origins(), StackServers::dq)
              + "\n    resource \"*\", headers: ["
              + list(broken.headers(), StackServers::dq)
              + "], methods: ["
              + String.join(", ", methods)
              + "], credentials: "
              + broken.credentials()
              + "\n  end\nend\n";
    }
    // the notes: save as config/initializers/cors.rb, replacing the Rack::Cors block
    String file = snippet != null ? snippet + "\n" : cors;
    if (file != null) {
      Files.writeString(initializers.resolve("cors.rb"), file);
    }
    int port = Loopback.freePort();
    return process(dir, List.of("ruby", "app.rb", String.valueOf(port)), Map.of(), port);
  }

  // ---- nginx in front of a backend ------------------------------------------------------------

  static Server nginx(Cors broken, String snippet) throws Exception {
    HttpServer backend = jdkServer(null);
    String upstream = "127.0.0.1:" + backend.getAddress().getPort();
    Path dir = copyApp("nginx");
    Files.createDirectories(dir.resolve("tmp"));
    String location;
    if (snippet != null) {
      // the notes: in place of the location; UPSTREAM replaced with the backend
      location = snippet.replace("http://" + Stacks.NGINX_UPSTREAM, "http://" + upstream);
    } else if (broken == null) {
      location = "location /api/ {\n    proxy_pass http://" + upstream + ";\n}";
    } else {
      StringBuilder b = new StringBuilder("location /api/ {\n");
      String allow =
          "    add_header Access-Control-Allow-Origin \""
              + broken.origins().get(0)
              + "\" always;\n";
      b.append("    if ($request_method = OPTIONS) {\n    ").append(allow);
      b.append("        add_header Access-Control-Allow-Methods \"")
          .append(String.join(", ", broken.methods()))
          .append("\" always;\n");
      if (!broken.headers().isEmpty()) {
        b.append("        add_header Access-Control-Allow-Headers \"")
            .append(String.join(", ", broken.headers()))
            .append("\" always;\n");
      }
      b.append("        return 204;\n    }\n").append(allow);
      b.append("    proxy_pass http://").append(upstream).append(";\n}");
      location = b.toString();
    }
    int port = Loopback.freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, Files.readString(conf).replace("PORT", String.valueOf(port)));
    replaceMarker(conf, "# CORS", location);
    Server nginx;
    try {
      nginx =
          process(
              dir,
              List.of(
                  "nginx",
                  "-p",
                  dir + "/",
                  "-c",
                  conf.toString(),
                  "-e",
                  "stderr",
                  "-g",
                  "daemon off;"),
              Map.of(),
              port);
    } catch (RuntimeException | IOException e) {
      backend.stop(0);
      throw e;
    }
    return new Server() {
      @Override
      public String base() {
        return nginx.base();
      }

      @Override
      public String log() {
        return nginx.log();
      }

      @Override
      public void close() {
        nginx.close();
        backend.stop(0);
      }
    };
  }

  // ---- Spring Boot ----------------------------------------------------------------------------

  static Server spring(Cors broken, String snippet) throws Exception {
    Path dir = copyApp("spring");
    Path source = dir.resolve("shop/api/CorsConfig.java");
    if (snippet != null) {
      // the notes: CorsConfig.java in the application's package, replacing the old CORS settings
      Files.writeString(
          source, snippet.replace("package " + Stacks.SPRING_PACKAGE + ";", "package shop.api;"));
    } else if (broken != null) {
      // the WebMvcConfigurer a Spring developer writes (and check printed before)
      Files.writeString(
          source,
          "package shop.api;\n\n"
              + "import org.springframework.context.annotation.Configuration;\n"
              + "import org.springframework.web.servlet.config.annotation.CorsRegistry;\n"
              + "import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;\n\n"
              + "@Configuration\npublic class CorsConfig implements WebMvcConfigurer {\n"
              + "  @Override\n  public void addCorsMappings(CorsRegistry registry) {\n"
              + "    registry.addMapping(\"/**\")\n        .allowedOrigins("
              + list(broken.origins(), StackServers::dq)
              + ")\n        .allowedMethods("
              + list(broken.methods(), StackServers::dq)
              + ")\n        .allowedHeaders("
              + list(broken.headers(), StackServers::dq)
              + ")\n        .allowCredentials("
              + broken.credentials()
              + ");\n  }\n}\n");
    }
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir.resolve("shop"))) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args =
        new ArrayList<>(
            List.of("-proc:none", "--release", "17", "-cp", classpath, "-d", classes.toString()));
    args.addAll(files);
    java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException(
          "the Spring application does not compile:\n"
              + diagnostics.toString(StandardCharsets.UTF_8)
              + "\n--- CorsConfig.java ---\n"
              + (Files.exists(source) ? Files.readString(source) : "(none)"));
    }
    int port = Loopback.freePort();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return process(
        dir,
        List.of(
            javaBin,
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            classes + java.io.File.pathSeparator + classpath,
            "shop.api.App",
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--spring.main.banner-mode=off",
            "--spring.jmx.enabled=false",
            "--logging.level.root=WARN"),
        Map.of(),
        port);
  }
}
