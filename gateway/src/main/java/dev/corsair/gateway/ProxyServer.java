package dev.corsair.gateway;

import dev.corsair.CorsEngine;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Netty server shared by {@code corsair gateway} and {@code corsair dev}: accepts HTTP/1.1
 * clients, answers preflights, and streams everything else to the routed upstream and back with
 * back-pressure on both sides.
 */
final class ProxyServer implements AutoCloseable {
  /** The longest request line accepted; longer gets 414. */
  static final int MAX_REQUEST_LINE = 8192;

  /** The most header bytes accepted (room for a 100 KB hostile preflight); more gets 431. */
  static final int MAX_HEADER_SIZE = 131072;

  private final AtomicReference<CorsEngine> engine;
  private final Route.Router router;
  private final long upstreamTimeoutMillis;
  private final boolean preserveHost;
  private final AccessLog accessLog;
  private final AtomicInteger inflight = new AtomicInteger();
  private final ClientLimits limits;
  private final PrintStream diagnostics;
  private final AtomicInteger clients = new AtomicInteger();
  private final AtomicLong lastFullWarning = new AtomicLong(System.nanoTime() - FULL_WARNING_NANOS);
  private volatile boolean draining;

  /** What exchanges and connection handlers see of this server. */
  private final ExchangeContext context = new Context();

  private final PreflightAnswers preflightAnswers = new PreflightAnswers();

  /** The shortest time between two "too many connections" lines. */
  private static final long FULL_WARNING_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Linux's epoll transport when its native library loads (faster), else the JDK's NIO. */
  private static final boolean EPOLL = !Boolean.getBoolean("corsair.nio") && Epoll.isAvailable();

  private final String host;
  private final int port;
  private final int adminPort;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Bootstrap upstreamBootstrap;
  private Channel server;
  private Channel admin;

  /**
   * @param engine the CORS policies (swapped on reload), or null for none (the dev proxy)
   * @param adminPort the health endpoint's port, 0 for an ephemeral one, -1 for none
   * @param diagnostics where operational warnings go (connection limit reached)
   */
  ProxyServer(
      String host,
      int port,
      int adminPort,
      AtomicReference<CorsEngine> engine,
      Route.Router router,
      Duration upstreamTimeout,
      boolean preserveHost,
      AccessLog accessLog,
      ClientLimits limits,
      PrintStream diagnostics) {
    this.host = host;
    this.port = port;
    this.adminPort = adminPort;
    this.engine = engine;
    this.router = router;
    this.upstreamTimeoutMillis = upstreamTimeout.toMillis();
    this.preserveHost = preserveHost;
    this.accessLog = accessLog;
    this.limits = limits;
    this.diagnostics = diagnostics;
    this.boss = new MultiThreadIoEventLoopGroup(1, ioHandler());
    this.workers =
        new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandler());
    this.upstreamBootstrap =
        new Bootstrap()
            .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32768, 65536));
  }

  /**
   * Binds the listening socket (and the admin one).
   *
   * @throws Exception when the address cannot be bound
   */
  ProxyServer start() throws Exception {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32768, 65536))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (!admitted(ch)) {
                      return;
                    }
                    channels.add(ch);
                    ClientTimeouts timeouts = new ClientTimeouts(limits, upstreamTimeoutMillis);
                    FrontendHandler front = new FrontendHandler(context, timeouts, limits);
                    ch.pipeline()
                        .addLast("timeouts", timeouts)
                        .addLast(
                            "shortcut",
                            new PreflightShortcut(context, front, timeouts, preflightAnswers))
                        .addLast(
                            "codec",
                            new HttpServerCodec(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(MAX_REQUEST_LINE)
                                    .setMaxHeaderSize(MAX_HEADER_SIZE)
                                    .setMaxChunkSize(65536)
                                    // values are checked by FrontendHandler, which lets a
                                    // malformed Origin or Access-Control-Request-* through to
                                    // the engine (a refusal, not a 400)
                                    .setHeadersFactory(
                                        DefaultHttpHeadersFactory.headersFactory()
                                            .withValueValidation(false))))
                        .addLast("flow", new ReadGate())
                        .addLast("front", front);
                  }
                });
    server = b.bind(host, port).sync().channel();
    if (adminPort >= 0) {
      admin =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(serverChannel())
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new AdminHandler(ProxyServer.this));
                    }
                  })
              .bind(host, adminPort)
              .sync()
              .channel();
    }
    return this;
  }

  /**
   * Counts a new client connection, or closes it when {@code --max-connections} are open already
   * (with a warning at most every 10 s).
   */
  private boolean admitted(Channel ch) {
    if (clients.incrementAndGet() > limits.maxConnections()) {
      clients.decrementAndGet();
      long now = System.nanoTime();
      long last = lastFullWarning.get();
      if (now - last >= FULL_WARNING_NANOS && lastFullWarning.compareAndSet(last, now)) {
        diagnostics.println(
            "corsair: "
                + limits.maxConnections()
                + " client connections are open, the limit (max-connections); new connections are"
                + " closed until some end");
      }
      ch.close();
      return false;
    }
    ch.closeFuture().addListener(f -> clients.decrementAndGet());
    return true;
  }

  private static IoHandlerFactory ioHandler() {
    return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  private static Class<? extends ServerChannel> serverChannel() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Requests in progress. */
  int inflight() {
    return inflight.get();
  }

  /** The CORS engine's refusals by reason name (empty without policies, as in dev). */
  Map<String, Long> refusalCounts() {
    CorsEngine e = engine == null ? null : engine.get();
    return e == null ? Map.of() : e.refusalCounts();
  }

  /** Access-log lines dropped because the log's destination was slower than the traffic. */
  long accessLogDropped() {
    return accessLog == null ? 0 : accessLog.dropped();
  }

  /** Whether a graceful shutdown began. */
  boolean draining() {
    return draining;
  }

  /** How many preflights were answered ahead of the HTTP decoder ({@link PreflightShortcut}). */
  long preflightsAnsweredEarly() {
    return preflightAnswers.handedOut();
  }

  /** The bound address of the proxy. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** The bound address of the admin endpoint, or null. */
  InetSocketAddress adminAddress() {
    return admin == null ? null : (InetSocketAddress) admin.localAddress();
  }

  /** Opens a new connection to {@code u} on {@code loop} (the client connection's loop). */
  private ChannelFuture connect(Upstream u, EventLoop loop) {
    return upstreamBootstrap
        .clone(loop)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                ChannelPipeline p = ch.pipeline();
                if (u.ssl != null) {
                  p.addLast("tls", u.ssl.newHandler(ch.alloc(), u.host, u.port));
                }
                p.addLast("check", new ResponseHeadCheck())
                    .addLast(
                        "codec",
                        new HttpClientCodec(
                            new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                                .setMaxHeaderSize(65536)
                                .setMaxChunkSize(65536),
                            false,
                            false))
                    .addLast("flow", new ReadGate())
                    .addLast("upstream", new UpstreamHandler(u));
              }
            })
        .connect(u.host, u.port);
  }

  /**
   * Stops accepting, lets in-flight requests finish for up to {@code grace}, then closes every
   * connection and stops the threads.
   */
  void drain(Duration grace) throws InterruptedException {
    draining = true;
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
    for (Channel ch : channels) {
      ch.eventLoop()
          .execute(
              () -> {
                FrontendHandler f = ch.pipeline().get(FrontendHandler.class);
                if (f != null && f.idle()) {
                  ch.close();
                }
              });
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (inflight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    close();
  }

  @Override
  public void close() {
    draining = true;
    if (server != null) {
      server.close();
    }
    if (admin != null) {
      admin.close();
    }
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private final class Context implements ExchangeContext {
    @Override
    public CorsEngine engine() {
      return engine == null ? null : engine.get();
    }

    @Override
    public Route route(String target, String path, String method, String accept) {
      return router.route(target, path, method, accept);
    }

    @Override
    public ChannelFuture connect(Upstream upstream, EventLoop loop) {
      return ProxyServer.this.connect(upstream, loop);
    }

    @Override
    public long upstreamTimeoutMillis() {
      return upstreamTimeoutMillis;
    }

    @Override
    public boolean preserveHost() {
      return preserveHost;
    }

    @Override
    public boolean draining() {
      return draining;
    }

    @Override
    public void started() {
      inflight.incrementAndGet();
    }

    @Override
    public void finished() {
      inflight.decrementAndGet();
    }

    @Override
    public boolean logging() {
      return accessLog != null;
    }

    @Override
    public void log(AccessLog.Entry entry) {
      accessLog.log(entry);
    }
  }
}
