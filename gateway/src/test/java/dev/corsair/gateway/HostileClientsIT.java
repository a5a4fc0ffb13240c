package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections without finishing their requests, pipeline without reading, or
 * overstay their welcome (issue 13): short configured timeouts and limits, loopback only, bounded
 * in count and time.
 */
class HostileClientsIT {
  static final String APP = "https://app.example.com";
  static final Map<String, String> POLICY = Map.of("CORS_ALLOWED_ORIGINS", APP);
  static final String PREFLIGHT =
      "OPTIONS /api/items HTTP/1.1\r\nHost: x\r\nOrigin: "
          + APP
          + "\r\nAccess-Control-Request-Method: PUT\r\n\r\n";

  static Backend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  static Gateways.Started gateway(String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("--access-log", "off"));
    args.addAll(List.of(flags));
    return Gateways.start(POLICY, backend.uri(), args.toArray(new String[0]));
  }

  /** What the server sent until it closed the connection; fails when it stays open for 10 s. */
  static String readUntilClosed(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the gateway kept the connection open for 10 s", e);
    } catch (IOException e) {
      // reset: closed too
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static String preflightStatusOn(URI gateway) throws IOException {
    return Raw.exchange(
        gateway,
        "OPTIONS /api/items HTTP/1.1\r\nHost: x\r\nOrigin: "
            + APP
            + "\r\nAccess-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n");
  }

  @Test
  void slowlorisConnectionsAreClosedWithinTheHeadTimeoutWhileOthersAreServed() throws Exception {
    try (Gateways.Started g = gateway("--client-header-timeout", "1")) {
      List<Socket> trickling = new ArrayList<>();
      List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          Socket s = new Socket("127.0.0.1", g.uri().getPort());
          s.getOutputStream().write("GET /api/items HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes());
          trickling.add(s);
        }
        for (int i = 0; i < 10; i++) {
          silent.add(new Socket("127.0.0.1", g.uri().getPort()));
        }
        long t0 = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Thread trickle =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    for (Socket s : trickling) {
                      try {
                        s.getOutputStream().write('a'); // one header byte every 200 ms
                      } catch (IOException e) {
                        // closed by the gateway
                      }
                    }
                    sleep(200);
                  }
                });
        trickle.setDaemon(true);
        trickle.start();
        for (int i = 0; i < 5; i++) {
          assertThat(preflightStatusOn(g.uri())).startsWith("HTTP/1.1 204");
          sleep(100);
        }
        for (Socket s : trickling) {
          assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 408");
        }
        for (Socket s : silent) {
          readUntilClosed(s);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        stop.set(true);
        assertThat(seconds).as("seconds until every slow connection was closed").isLessThan(10);
        assertThat(preflightStatusOn(g.uri())).startsWith("HTTP/1.1 204");
      } finally {
        for (Socket s : trickling) {
          s.close();
        }
        for (Socket s : silent) {
          s.close();
        }
      }
    }
  }

  @Test
  void idleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
    try (Gateways.Started g = gateway("--keepalive-timeout", "1");
        Socket s = new Socket("127.0.0.1", g.uri().getPort())) {
      s.getOutputStream().write(PREFLIGHT.getBytes(StandardCharsets.ISO_8859_1));
      String all = readUntilClosed(s);
      assertThat(all).startsWith("HTTP/1.1 204").doesNotContain("408");
    }
  }

  @Test
  void stalledRequestBodyIs408WithCorsHeaders() throws Exception {
    try (Gateways.Started g = gateway("--client-body-timeout", "1");
        Socket s = new Socket("127.0.0.1", g.uri().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /upload HTTP/1.1\r\nHost: x\r\nOrigin: "
                  + APP
                  + "\r\nContent-Length: 100\r\n\r\n0123456789")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String r = readUntilClosed(s);
      assertThat(r).startsWith("HTTP/1.1 408").contains("Access-Control-Allow-Origin: " + APP);
      assertThat(g.running.server.inflight()).isZero();
    }
  }

  @Test
  void connectionIsClosedAfterItsMaximumNumberOfRequests() throws Exception {
    try (Gateways.Started g = gateway("--max-requests-per-connection", "3");
        Socket s = new Socket("127.0.0.1", g.uri().getPort())) {
      s.getOutputStream().write((PREFLIGHT + PREFLIGHT + PREFLIGHT + PREFLIGHT).getBytes());
      String all = readUntilClosed(s);
      assertThat(all.split("HTTP/1.1 204", -1)).hasSize(4); // three answers, then closed
      assertThat(all.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
    }
  }

  @Test
  void connectionsBeyondTheMaximumAreClosedWithALogLine() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--max-connections", "3")) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket s = new Socket("127.0.0.1", g.uri().getPort());
          s.getOutputStream().write(PREFLIGHT.getBytes(StandardCharsets.ISO_8859_1));
          s.setSoTimeout(5000);
          assertThat(s.getInputStream().read()).isEqualTo('H'); // served: counted
          held.add(s);
        }
        try (Socket extra = new Socket("127.0.0.1", g.uri().getPort())) {
          assertThat(readUntilClosed(extra)).isEmpty();
        }
        String warning = "3 client connections are open, the limit (max-connections)";
        long logged = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!g.log().contains(warning) && System.nanoTime() < logged) {
          sleep(50);
        }
        assertThat(g.log()).contains(warning);
        held.remove(0).close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String r = "";
        while (!r.startsWith("HTTP/1.1 204") && System.nanoTime() < deadline) {
          sleep(100);
          r = preflightStatusOn(g.uri());
        }
        assertThat(r).startsWith("HTTP/1.1 204");
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void clientPipeliningWithoutReadingIsStoppedWhileOthersAreServed() throws Exception {
    try (Gateways.Started g = gateway()) {
      long heapBefore = SoakIT.heapAfterGc();
      AtomicLong written = new AtomicLong();
      Socket flooder = new Socket();
      flooder.setReceiveBufferSize(65536);
      flooder.setSendBufferSize(65536);
      flooder.connect(new java.net.InetSocketAddress("127.0.0.1", g.uri().getPort()));
      byte[] batch = PREFLIGHT.repeat(64).getBytes(StandardCharsets.ISO_8859_1);
      Thread flood =
          new Thread(
              () -> {
                try {
                  OutputStream out = flooder.getOutputStream();
                  while (true) {
                    out.write(batch); // never reads an answer
                    written.addAndGet(batch.length);
                  }
                } catch (IOException e) {
                  // closed at the end of the test
                }
              });
      flood.setDaemon(true);
      flood.start();
      // The flood stalls once the gateway stops reading: no progress for 2 s within 20 s.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      long before = -1;
      boolean stalled = false;
      while (!stalled && System.nanoTime() < deadline) {
        long now = written.get();
        stalled = now == before && now > 0;
        before = now;
        assertThat(preflightStatusOn(g.uri())).startsWith("HTTP/1.1 204"); // others are served
        sleep(2000);
      }
      assertThat(stalled)
          .as("the gateway kept reading a client that reads nothing (%d bytes)", written.get())
          .isTrue();
      assertThat(written.get()).as("bytes the flooder could write").isLessThan(64L << 20);
      assertThat(SoakIT.heapAfterGc() - heapBefore).as("heap growth").isLessThan(32L << 20);
      flooder.close();
      flood.join(5000);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (g.running.server.inflight() > 0 && System.nanoTime() < end) {
        sleep(20);
      }
      assertThat(g.running.server.inflight()).isZero();
      assertThat(preflightStatusOn(g.uri())).startsWith("HTTP/1.1 204");
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
