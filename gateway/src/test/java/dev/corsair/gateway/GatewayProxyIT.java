package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy's behaviour beyond the case table: streaming, SSE, WebSocket, faults, bad input. */
class GatewayProxyIT {
  static final String APP = "https://app.example.com";
  static final Map<String, String> POLICY = Map.of("CORS_ALLOWED_ORIGINS", APP);
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Backend backend;
  static Gateways.Started gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new Backend();
    gateway = Gateways.start(POLICY, backend.uri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    backend.close();
  }

  static HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void upstreamsOwnCorsHeadersAreReplacedByThePolicys() throws Exception {
    HttpResponse<String> r = get(gateway.uri(), "/cors", "Origin", APP);
    assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
    assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    HttpResponse<String> evil = get(gateway.uri(), "/cors", "Origin", "https://evil.example");
    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(evil.headers().allValues("Vary").toString()).contains("Origin");
  }

  @Test
  void hostIsRewrittenAndForwardedHeadersAdded() throws Exception {
    get(gateway.uri(), "/x");
    Map<String, List<String>> seen = backend.lastHeaders.get();
    assertThat(seen.get("Host")).containsExactly("127.0.0.1:" + backend.uri().getPort());
    assertThat(seen.get("X-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(seen.get("X-forwarded-proto")).containsExactly("http");
    assertThat(seen.get("X-forwarded-host"))
        .containsExactly("127.0.0.1:" + gateway.uri().getPort());
  }

  @Test
  void preserveHostKeepsTheClientsHost() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--preserve-host")) {
      get(g.uri(), "/x");
      assertThat(backend.lastHeaders.get().get("Host"))
          .containsExactly("127.0.0.1:" + g.uri().getPort());
    }
  }

  @Test
  void hopByHopHeadersAreNotForwarded() throws Exception {
    String r =
        Raw.exchange(
            gateway.uri(),
            "GET /hop HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\n"
                + "Proxy-Authorization: secret\r\nTE: trailers\r\nX-Kept: yes\r\n\r\n");
    assertThat(Raw.status(r)).isEqualTo(200);
    Map<String, List<String>> seen = backend.lastHeaders.get();
    assertThat(seen).doesNotContainKeys("X-hop", "Proxy-authorization", "Te");
    assertThat(seen.get("X-kept")).containsExactly("yes");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gateway.uri().getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          "POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readNBytes(25), StandardCharsets.ISO_8859_1))
          .startsWith("HTTP/1.1 100 Continue");
      out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder b = new StringBuilder();
      while (!b.toString().endsWith("\r\n\r\n5")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        b.append((char) c);
      }
      assertThat(b.toString()).contains("HTTP/1.1 200").endsWith("5");
    }
  }

  @Test
  void headRequestsGetHeadersOnly() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(gateway.uri().resolve("/x"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    assertThat(get(gateway.uri(), "/after").statusCode()).isEqualTo(200);
  }

  @Test
  void eachRequestGetsOneJsonAccessLogLineWithTheCorsDecision() throws Exception {
    CLIENT.send(
        HttpRequest.newBuilder(gateway.uri().resolve("/logged-preflight"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "PUT")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    String line =
        gateway.log().lines().filter(l -> l.contains("/logged-preflight")).findFirst().orElse("");
    assertThat(line)
        .startsWith("{\"time\":")
        .contains("\"method\":\"OPTIONS\"")
        .contains("\"status\":403")
        .contains("\"cors\":\"PREFLIGHT_REJECTED\"")
        .contains("\"origin\":\"https://evil.example\"")
        .contains("\"reason\":\"origin_not_allowed\"");
  }

  @Test
  void largeBodiesStreamBothWaysWithFlatMemory() throws Exception {
    long size = 256L << 20;
    MemoryProbe probe = new MemoryProbe();
    HttpResponse<InputStream> down =
        CLIENT.send(
            HttpRequest.newBuilder(gateway.uri().resolve("/bytes?n=" + size)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long got = 0;
    try (InputStream in = down.body()) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        got += n;
        probe.sample(got);
      }
    }
    assertThat(got).isEqualTo(size);
    AtomicLong sent = new AtomicLong();
    HttpResponse<String> up =
        CLIENT.send(
            HttpRequest.newBuilder(gateway.uri().resolve("/upload"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Generated(size, sent, probe)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(up.body()).isEqualTo(Long.toString(size));
    assertThat(probe.growthBytes())
        .as("memory growth while moving 2 x 256 MiB")
        .isLessThan(96L << 20);
  }

  @Test
  void serverSentEventsArriveBeforeTheStreamEnds() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<java.util.stream.Stream<String>> r =
        CLIENT.send(
            HttpRequest.newBuilder(gateway.uri().resolve("/sse?n=4&gap=600"))
                .header("Origin", APP)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    List<Long> arrivals = new java.util.ArrayList<>();
    r.body()
        .filter(l -> l.startsWith("data:"))
        .forEach(l -> arrivals.add((System.nanoTime() - t0) / 1_000_000));
    assertThat(arrivals).hasSize(4);
    // The stream lasts about 2.4 s; unbuffered, the first event is there long before the last.
    assertThat(arrivals.get(3) - arrivals.get(0)).isGreaterThan(1200);
  }

  @Test
  void webSocketFromAnAllowedOriginIsProxiedAndEchoes() throws Exception {
    try (WsEcho echo = new WsEcho();
        Gateways.Started g = Gateways.start(POLICY, echo.uri())) {
      assertThat(echoThrough(g, APP)).isEqualTo("echo: hello");
      assertThat(echoThrough(g, null)).isEqualTo("echo: hello");
      ExecutionException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> echoThrough(g, "https://evil.example"));
      assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
          .isEqualTo(403);
    }
  }

  private static String echoThrough(Gateways.Started g, String origin) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket.Builder b = CLIENT.newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    WebSocket ws =
        b.buildAsync(
                URI.create("ws://127.0.0.1:" + g.uri().getPort() + "/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    reply.complete(data.toString());
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    ws.sendText("hello", true);
    String text = reply.get(5, TimeUnit.SECONDS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    return text;
  }

  @Test
  void upstreamDownIs502WithCorsHeaders() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Gateways.Started g = Gateways.start(POLICY, URI.create("http://127.0.0.1:" + port))) {
      HttpResponse<String> r = get(g.uri(), "/x", "Origin", APP);
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
      assertThat(r.headers().allValues("Vary").toString()).contains("Origin");
    }
  }

  @Test
  void slowUpstreamIs504WithCorsHeaders() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--upstream-timeout", "0.5")) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = get(g.uri(), "/slow?ms=3000", "Origin", APP);
      assertThat(r.statusCode()).isEqualTo(504);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
      assertThat(get(g.uri(), "/fast", "Origin", APP).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void eachRequestsUpstreamWaitIsTimedFromWhenItWasSent() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--upstream-timeout", "1")) {
      // Sequential requests share a keep-alive connection and its one lazily moved timer: two waits
      // of 0.6 s each stay within the 1 s limit, and a third that stalls is cut at about 1 s.
      for (int i = 0; i < 2; i++) {
        assertThat(get(g.uri(), "/slow?ms=600", "Origin", APP).statusCode()).isEqualTo(200);
      }
      long t0 = System.nanoTime();
      assertThat(get(g.uri(), "/slow?ms=5000", "Origin", APP).statusCode()).isEqualTo(504);
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 3000L);
    }
  }

  @Test
  void upstreamResettingConnectionsIs502AndTheGatewayKeepsServing() throws Exception {
    try (ServerSocket resetter =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!resetter.isClosed()) {
                  try (Socket s = resetter.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.setSoLinger(true, 0); // close with RST
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      try (Gateways.Started g =
          Gateways.start(POLICY, URI.create("http://127.0.0.1:" + resetter.getLocalPort()))) {
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> r = get(g.uri(), "/x", "Origin", APP);
          assertThat(r.statusCode()).isEqualTo(502);
          assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        }
        assertThat(g.running.server.inflight()).isZero();
      }
    }
  }

  @Test
  void clientDisconnectingMidBodyFreesTheExchange() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gateway.uri().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[1 << 20]);
      out.flush();
      Thread.sleep(200);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (gateway.running.server.inflight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(gateway.running.server.inflight()).isZero();
    assertThat(get(gateway.uri(), "/after").statusCode()).isEqualTo(200);
  }

  @Test
  void malformedRequestLineIs400AndTheGatewayKeepsServing() throws Exception {
    String r = Raw.exchange(gateway.uri(), "THIS IS NOT HTTP\r\n\r\n");
    assertThat(Raw.status(r)).isEqualTo(400);
    assertThat(r).contains("malformed");
    assertThat(get(gateway.uri(), "/after").statusCode()).isEqualTo(200);
  }

  @Test
  void controlCharactersInOriginAreADisallowedOriginAndInPreflightHeadersA403() throws Exception {
    String actual =
        Raw.exchange(
            gateway.uri(),
            "GET /ctl HTTP/1.1\r\nHost: x\r\nOrigin: "
                + APP
                + "\u0001\r\nConnection: close\r\n\r\n");
    assertThat(Raw.status(actual)).isEqualTo(200);
    assertThat(actual).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
    assertThat(backend.lastHeaders.get()).containsKey("Origin");
    String preflight =
        Raw.exchange(
            gateway.uri(),
            "OPTIONS /ctl HTTP/1.1\r\nHost: x\r\nOrigin: "
                + APP
                + "\r\nAccess-Control-Request-Method: PU\u007fT\r\nConnection: close\r\n\r\n");
    assertThat(Raw.status(preflight)).isEqualTo(403);
    assertThat(preflight).doesNotContainIgnoringCase("Access-Control-Allow-");
    String other =
        Raw.exchange(gateway.uri(), "GET /ctl HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n");
    assertThat(Raw.status(other)).isEqualTo(400);
    String bareCr =
        Raw.exchange(
            gateway.uri(),
            "GET /ctl HTTP/1.1\r\nHost: x\r\nOrigin: " + APP + "\rX-Injected: 1\r\n\r\n");
    assertThat(Raw.status(bareCr)).isEqualTo(400);
  }

  @Test
  void oversizedHeadersAre431AndTheGatewayKeepsServing() throws Exception {
    String r =
        Raw.exchange(
            gateway.uri(),
            "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200_000) + "\r\n\r\n");
    assertThat(Raw.status(r)).isEqualTo(431);
    String line = Raw.exchange(gateway.uri(), "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n");
    assertThat(Raw.status(line)).isEqualTo(414);
    assertThat(get(gateway.uri(), "/after").statusCode()).isEqualTo(200);
  }

  @Test
  void healthEndpointAnswersOnTheAdminPort() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--admin-port", "0")) {
      URI admin = URI.create("http://127.0.0.1:" + g.running.server.adminAddress().getPort());
      HttpResponse<String> r = get(admin, "/health");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\":\"up\"");
    }
  }

  @Test
  void refusalsEndpointCountsTheEnginesRefusalsByReason() throws Exception {
    try (Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--admin-port", "0")) {
      URI admin = URI.create("http://127.0.0.1:" + g.running.server.adminAddress().getPort());
      for (int i = 0; i < 2; i++) {
        get(g.uri(), "/api/x", "Origin", "https://evil.example");
      }
      HttpResponse<String> r = get(admin, "/refusals");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(r.body())
          .startsWith("{\"refusals\":{")
          .contains("\"origin_not_allowed\":2")
          .contains("\"access_log_dropped\":0");
    }
  }

  @Test
  void drainLetsInFlightRequestsFinishAndRefusesNewOnes() throws Exception {
    Gateways.Started g = Gateways.start(POLICY, backend.uri(), "--grace", "5");
    URI base = g.uri();
    CompletableFuture<HttpResponse<String>> slow =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(base.resolve("/slow?ms=1000")).build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    g.running.drain();
    assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    CompletionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () ->
                CLIENT
                    .sendAsync(
                        HttpRequest.newBuilder(base.resolve("/x")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .join());
    assertThat(refused.getCause()).isInstanceOf(java.net.ConnectException.class);
  }

  /** Samples heap (after GC) and Netty's pooled memory while a transfer runs. */
  static final class MemoryProbe {
    private final long base = used();
    private long max = base;
    private long nextSample;

    void sample(long progress) {
      if (progress >= nextSample) {
        nextSample = progress + (32L << 20);
        max = Math.max(max, used());
      }
    }

    long growthBytes() {
      return max - base;
    }

    static long used() {
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long netty = 0;
      if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider) {
        var m = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        netty = m.usedDirectMemory() + m.usedHeapMemory();
      }
      return heap + netty;
    }
  }

  /** A body generated on the fly, sampling memory as it goes. */
  static final class Generated extends InputStream {
    private long left;
    private final AtomicLong sent;
    private final MemoryProbe probe;

    Generated(long size, AtomicLong sent, MemoryProbe probe) {
      this.left = size;
      this.sent = sent;
      this.probe = probe;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      sent.incrementAndGet();
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 'x');
      left -= n;
      probe.sample(sent.addAndGet(n));
      return n;
    }
  }
}
