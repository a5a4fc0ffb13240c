package dev.corsair.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code corsair gateway --self-test}: starts a gateway in front of a throw-away upstream, sends a
 * preflight and a proxied request through it, and stops. {@code bin/corsair} runs it once to record
 * the classes a gateway loads (a class-data-sharing archive), which halves later start-up times.
 */
final class SelfTest {
  private SelfTest() {}

  static int run(PrintStream out, PrintStream err) {
    try (ServerSocket upstream = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> serve(upstream), "corsair-self-test-upstream");
      t.setDaemon(true);
      t.start();
      GatewayCommand.Options o =
          GatewayCommand.Options.parse(
              List.of(
                  "--upstream",
                  "http://127.0.0.1:" + upstream.getLocalPort(),
                  "--listen",
                  "127.0.0.1:0",
                  "--access-log",
                  "off"));
      try (GatewayCommand.Running g =
          GatewayCommand.start(o, Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com"), err)) {
        int port = g.server.address().getPort();
        String preflight =
            send(
                port,
                "OPTIONS /api HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
                    + "Access-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n");
        String get =
            send(
                port,
                "GET /api HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
                    + "Connection: close\r\n\r\n");
        boolean ok = preflight.startsWith("HTTP/1.1 204") && get.startsWith("HTTP/1.1 200");
        out.println("corsair gateway self-test: " + (ok ? "ok" : "FAILED\n" + preflight + get));
        return ok ? 0 : 1;
      }
    } catch (Exception e) {
      err.println("corsair gateway self-test failed: " + e);
      return 1;
    }
  }

  private static void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          head.write(b);
        }
        OutputStream o = s.getOutputStream();
        o.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                .getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static String send(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
