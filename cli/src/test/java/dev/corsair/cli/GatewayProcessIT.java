package dev.corsair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.corsair.testkit.Loopback;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/corsair gateway} as a real process, the way users and the black-box suite start it:
 * policy in {@code CORS_*} variables, a preflight, SIGHUP reload on a kept-alive connection,
 * SIGTERM.
 */
class GatewayProcessIT {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;

  @Test
  void startsFromTheLauncherAnswersAPreflightReloadsOnHupAndStopsOnTerm() throws Exception {
    try (Backend backend = new Backend()) {
      Path yaml = dir.resolve("corsair.yaml");
      Files.writeString(yaml, "policies:\n  - allowed-origins: [https://a.example]\n");
      int port = Loopback.freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
                  ROOT.resolve("bin/corsair").toString(),
                  "gateway",
                  "--upstream",
                  backend.uri().toString(),
                  "--listen",
                  "127.0.0.1:" + port,
                  "--config",
                  yaml.toString())
              .directory(ROOT.toFile())
              .redirectError(dir.resolve("stderr.txt").toFile());
      pb.environment().put("CORS_MAX_AGE", "600");
      Process p = pb.start();
      try {
        String line = firstLine(p.getInputStream(), 600);
        assertThat(line).startsWith("corsair gateway listening on http://127.0.0.1:" + port);
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(5000);
          String first = preflight(s, "https://b.example");
          assertThat(first).startsWith("HTTP/1.1 403");
          String allowed = preflight(s, "https://a.example");
          assertThat(allowed)
              .startsWith("HTTP/1.1 204")
              .contains("Access-Control-Allow-Origin: https://a.example")
              .contains("Access-Control-Max-Age: 600");
          Files.writeString(yaml, "policies:\n  - allowed-origins: [https://b.example]\n");
          new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
          String after = "";
          for (int i = 0; i < 50 && !after.startsWith("HTTP/1.1 204"); i++) {
            Thread.sleep(100);
            after = preflight(s, "https://b.example"); // same connection: reload drops nothing
          }
          assertThat(after).startsWith("HTTP/1.1 204");
        }
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        assertThat(p.exitValue()).isZero();
      } finally {
        p.destroyForcibly();
      }
      assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("reloaded");
    }
  }

  @Test
  void badPolicyExitsWith2BeforeListening() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                ROOT.resolve("bin/corsair").toString(),
                "gateway",
                "--upstream",
                "http://127.0.0.1:9",
                "--listen",
                "127.0.0.1:" + Loopback.freePort())
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    pb.environment().put("CORS_ALLOWED_ORIGINS", "http://localhost:5173/");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output).contains("CORS_ALLOWED_ORIGINS").doesNotContain("listening");
  }

  private static String preflight(Socket s, String origin) throws Exception {
    OutputStream out = s.getOutputStream();
    out.write(
        ("OPTIONS /api HTTP/1.1\r\nHost: x\r\nOrigin: "
                + origin
                + "\r\nAccess-Control-Request-Method: PUT\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String h = head.toString();
    int i = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (i >= 0) {
      int len = Integer.parseInt(h.substring(i + 15, h.indexOf("\r\n", i)).trim());
      in.readNBytes(len);
    }
    return h;
  }

  private static String firstLine(InputStream in, int seconds) throws Exception {
    CompletableFuture<String> f =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .readLine();
              } catch (java.io.IOException e) {
                return "";
              }
            });
    return f.get(seconds, TimeUnit.SECONDS);
  }

  /** A loopback upstream answering every request 200 "ok". */
  static final class Backend implements AutoCloseable {
    private final HttpServer server;

    Backend() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] b = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(b);
            }
          });
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
