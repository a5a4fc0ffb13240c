package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak: a few hundred keep-alive connections on loopback send preflights and proxied
 * requests for {@code soak.seconds} (30 by default, 60 with {@code -Psoak}); there must be no
 * error, and neither file descriptors nor heap may grow once it ends.
 */
class SoakIT {
  static final String APP = "https://app.example.com";

  @Test
  void hundredsOfConnectionsForHalfAMinuteWithoutErrorsOrGrowth() throws Exception {
    int seconds = Integer.getInteger("soak.seconds", 30);
    int connections = Integer.getInteger("soak.connections", 200);
    try (Backend backend = new Backend();
        Gateways.Started g =
            Gateways.start(
                Map.of("CORS_ALLOWED_ORIGINS", APP), backend.uri(), "--access-log", "off")) {
      Result warm = load(g.uri(), connections, 5);
      assertThat(warm.errors).as("errors during warm-up: " + warm.firstError).isZero();
      Thread.sleep(1000);
      int backendPort = backend.uri().getPort();
      long fdBase = openFiles();
      long upstreamBase = upstreamSockets(backendPort);
      long heapBase = heapAfterGc();
      Result r = load(g.uri(), connections, seconds);
      Thread.sleep(1000);
      long fdAfter = openFiles();
      long upstreamAfter = upstreamSockets(backendPort);
      long heapAfter = heapAfterGc();
      System.out.printf(
          "soak: %d connections, %d s, %d requests (%.0f/s), %d errors; fds %d -> %d, of which"
              + " upstream sockets %d -> %d; heap %d MiB -> %d MiB%n",
          connections,
          seconds,
          r.requests,
          r.requests / (double) seconds,
          r.errors,
          fdBase,
          fdAfter,
          upstreamBase,
          upstreamAfter,
          heapBase >> 20,
          heapAfter >> 20);
      assertThat(r.errors).as("errors: " + r.firstError).isZero();
      assertThat(r.requests).isGreaterThan(connections * 10L);
      // The gateway keeps idle upstream connections for reuse, as many as the concurrency it has
      // seen, so the pool may still grow after the warm-up: those sockets (both ends live in this
      // JVM) are bounded by the client connections, and every other descriptor must not grow.
      assertThat(upstreamAfter / 2)
          .as("upstream connections")
          .isLessThanOrEqualTo(connections + 16);
      assertThat(fdAfter - upstreamAfter)
          .as("open files after the soak, upstream sockets aside")
          .isLessThanOrEqualTo(fdBase - upstreamBase + 16);
      assertThat(heapAfter - heapBase).as("heap growth").isLessThan(32L << 20);
      assertThat(g.running.server.inflight()).isZero();
    }
  }

  record Result(long requests, long errors, String firstError) {}

  static Result load(URI base, int connections, int seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    String[] first = new String[1];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      int id = i;
      Thread t =
          new Thread(
              () -> {
                try (Socket s = new Socket(base.getHost(), base.getPort())) {
                  s.setSoTimeout(10_000);
                  OutputStream out = s.getOutputStream();
                  InputStream in = new BufferedInputStream(s.getInputStream());
                  int n = 0;
                  while (System.nanoTime() < end) {
                    boolean preflight = (n++ + id) % 2 == 0;
                    String req =
                        preflight
                            ? "OPTIONS /api/x HTTP/1.1\r\nHost: gw\r\nOrigin: "
                                + APP
                                + "\r\nAccess-Control-Request-Method: PUT\r\n\r\n"
                            : "GET /api/x?n="
                                + n
                                + " HTTP/1.1\r\nHost: gw\r\nOrigin: "
                                + APP
                                + "\r\n\r\n";
                    out.write(req.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    String status = readResponse(in);
                    if (!status.startsWith(preflight ? "HTTP/1.1 204" : "HTTP/1.1 200")) {
                      throw new IOException("unexpected " + status);
                    }
                    requests.incrementAndGet();
                  }
                } catch (IOException e) {
                  if (errors.getAndIncrement() == 0) {
                    first[0] = e.toString();
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Result(requests.get(), errors.get(), first[0]);
  }

  /** Reads one response (Content-Length framed); returns its status line. */
  static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder(256);
    while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head);
      }
      head.append((char) b);
    }
    String h = head.toString();
    int i = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (i >= 0) {
      int len = Integer.parseInt(h.substring(i + 15, h.indexOf("\r\n", i)).trim());
      if (in.readNBytes(len).length != len) {
        throw new IOException("short body");
      }
    }
    return h.substring(0, h.indexOf("\r\n"));
  }

  static long openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /**
   * Established TCP sockets of this network namespace with {@code port} at either end (from {@code
   * /proc/net/tcp} and {@code tcp6}): both ends of each gateway-to-backend connection, since the
   * backend runs in this JVM.
   */
  static long upstreamSockets(int port) throws IOException {
    String hex = String.format(":%04X", port);
    long n = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      File f = new File(table);
      if (!f.canRead()) {
        continue;
      }
      for (String line : java.nio.file.Files.readAllLines(f.toPath())) {
        String[] c = line.trim().split("\\s+");
        if (c.length > 3 && "01".equals(c[3]) && (c[1].endsWith(hex) || c[2].endsWith(hex))) {
          n++;
        }
      }
    }
    return n;
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
