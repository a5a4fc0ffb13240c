package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.Vary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response. Runs entirely on the client connection's event loop (its upstream
 * connection lives on the same loop), so it needs no locks. Reads are explicit: the next piece of
 * the request body is read only once the upstream can take it, and the next piece of the response
 * only once the client can.
 */
final class Exchange {
  private static final String X_FORWARDED_FOR = "X-Forwarded-For";
  private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /**
   * Headers of responses made here: constant names, and values from the validated policy or an
   * origin the engine already checked, so Netty's per-header validation is skipped.
   */
  private static final HttpHeadersFactory LOCAL_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private enum Mode {
    /** Waiting for an upstream connection; request content is held back. */
    CONNECTING,
    /** Streaming to and from the upstream. */
    PROXYING,
    /** The response was made here (or is complete): remaining request content is dropped. */
    DISCARDING
  }

  private final ProxyServer server;
  private final FrontendHandler front;
  private final ChannelHandlerContext ctx;
  private final Channel client;
  private final HttpRequest request;
  private final long startNanos = System.nanoTime();
  private final String method;
  private final String target;
  private final String path;
  private final String clientHost;
  private final boolean clientHttp10;
  private String origin;
  private CorsDecision decision;
  private boolean clientKeepAlive;
  private boolean expectContinue;
  private boolean bodyless;
  private Route route;
  private Mode mode = Mode.DISCARDING;
  private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
  private Channel upstream;
  private boolean reused;
  private boolean retried;
  private boolean websocket;
  private boolean informational;
  private boolean upstreamKeepAlive;
  private boolean requestDone;
  private boolean responseStarted;
  private boolean responseDone;
  private boolean done;
  private boolean clientReadPending;
  private boolean upstreamReadPending;
  private ScheduledFuture<?> timeout;
  private ChannelFuture lastWrite;
  private int status;
  private long bytes;
  private String note;

  Exchange(ProxyServer server, FrontendHandler front, ChannelHandlerContext ctx, HttpRequest req) {
    this.server = server;
    this.front = front;
    this.ctx = ctx;
    this.client = ctx.channel();
    this.request = req;
    this.method = req.method().name();
    String uri = req.uri();
    this.target = originForm(uri);
    this.path = pathOf(target);
    this.clientHost = req.headers().get(HttpHeaderNames.HOST);
    this.clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
  }

  void start() {
    server.inflight.incrementAndGet();
    HttpHeaders h = request.headers();
    clientKeepAlive = HttpUtil.isKeepAlive(request);
    expectContinue = HttpUtil.is100ContinueExpected(request);
    bodyless =
        !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
    origin = joined(h.getAll(HttpHeaderNames.ORIGIN), ", ");
    CorsEngine engine = server.engine == null ? null : server.engine.get();
    if (engine != null) {
      decision =
          engine.decide(
              method,
              path,
              origin,
              joined(h.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD), ", "),
              joined(h.getAll(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), ","),
              h.get(CorsHeaders.REQUEST_PRIVATE_NETWORK));
      if (decision.isPreflight()) {
        preflight();
        return;
      }
    }
    if (request.method().equals(HttpMethod.CONNECT)) {
      local(405, "CONNECT is not supported: this is a reverse proxy\n");
      return;
    }
    websocket = isWebSocketUpgrade(h);
    if (websocket
        && origin != null
        && decision != null
        && decision.kind() == CorsDecision.Kind.DISALLOWED) {
      note = "websocket origin refused";
      local(403, "WebSocket upgrade refused: origin " + "not allowed by the CORS policy\n");
      return;
    }
    route = server.router.route(target, path, method, h.get(HttpHeaderNames.ACCEPT));
    if (route == null || route.upstream() == null) {
      serveFile(route == null ? null : route.file());
      return;
    }
    prepareRequest();
    mode = Mode.CONNECTING;
    Channel idle = websocket ? null : route.upstream().pollIdle(client.eventLoop());
    if (idle != null) {
      reused = true;
      attach(idle);
    } else {
      connect();
    }
  }

  // ---------------------------------------------------------------- request side

  private void connect() {
    mode = Mode.CONNECTING;
    server
        .connect(route.upstream(), client.eventLoop())
        .addListener(
            (ChannelFuture f) -> {
              if (done || mode != Mode.CONNECTING) {
                if (f.isSuccess()) {
                  f.channel().close();
                }
                return;
              }
              if (!f.isSuccess()) {
                note = "upstream unreachable: " + f.cause();
                local(502, "Bad Gateway: the upstream " + route.upstream() + " is unreachable\n");
                return;
              }
              // Attach on a later turn: the transport finishes its connect bookkeeping (interest
              // ops) after this listener runs, which would drop a read requested here.
              Channel ch = f.channel();
              ch.eventLoop()
                  .execute(
                      () -> {
                        if (done || mode != Mode.CONNECTING) {
                          ch.close();
                        } else {
                          attach(ch);
                        }
                      });
            });
  }

  private void attach(Channel ch) {
    upstream = ch;
    ch.pipeline().get(UpstreamHandler.class).exchange = this;
    mode = Mode.PROXYING;
    ch.write(request, ch.voidPromise());
    if (!reused) {
      ch.read(); // a pooled connection already has a read pending
    }
    boolean heldLast = false;
    HttpContent c;
    while ((c = held.poll()) != null) {
      heldLast |= c instanceof LastHttpContent;
      ch.write(c, ch.voidPromise());
    }
    if (requestDone && !heldLast) {
      ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise()); // a retry of a bodyless one
    }
    ch.flush();
    if (requestDone) {
      startTimeout();
    } else {
      if (expectContinue) {
        expectContinue = false; // the client waits for this before it sends the body
        client.writeAndFlush(
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER),
            client.voidPromise());
      }
      readClient();
    }
  }

  /**
   * Starts the wait for the response headers once the whole request was sent, so a long upload is
   * not mistaken for a slow upstream.
   */
  private void startTimeout() {
    cancelTimeout();
    timeout =
        client
            .eventLoop()
            .schedule(this::timedOut, server.upstreamTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  void requestContent(HttpContent c) {
    boolean last = c instanceof LastHttpContent;
    switch (mode) {
      case CONNECTING:
        if (last) {
          requestDone = true;
        }
        held.add(c);
        return;
      case PROXYING:
        if (last) {
          requestDone = true;
        }
        upstream.writeAndFlush(c, upstream.voidPromise());
        if (!last) {
          readClient();
        } else if (!responseStarted) {
          startTimeout();
        }
        return;
      default:
        c.release();
        if (last) {
          requestDone = true;
          maybeComplete();
        } else {
          ctx.read();
        }
    }
  }

  private void readClient() {
    if (upstream.isWritable()) {
      ctx.read();
    } else {
      clientReadPending = true;
    }
  }

  void upstreamWritable() {
    if (clientReadPending && mode == Mode.PROXYING) {
      clientReadPending = false;
      ctx.read();
    }
  }

  // ---------------------------------------------------------------- response side

  void upstreamRead(Object msg) {
    if (done || mode != Mode.PROXYING) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse) {
      HttpResponse r = (HttpResponse) msg;
      if (r.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        upstreamClosed(r.decoderResult().cause());
        return;
      }
      int code = r.status().code();
      if (code < 200 && !(code == 101 && websocket)) {
        informational = true; // 100 Continue and friends: the client got its own
        ReferenceCountUtil.release(msg);
        upstream.read();
        return;
      }
      cancelTimeout();
      if (websocket && code == 101) {
        upgrade(r);
        return;
      }
      responseStarted = true;
      status = code;
      upstreamKeepAlive = HttpUtil.isKeepAlive(r);
      prepareResponse(r);
      if (msg instanceof LastHttpContent) {
        bytes += ((HttpContent) msg).content().readableBytes();
        lastWrite = client.writeAndFlush(msg);
        responseComplete();
        return;
      }
      if (HttpUtil.getContentLength(r, -1L) > 0) {
        client.write(r, client.voidPromise()); // flushed with the body that follows
      } else {
        client.writeAndFlush(r, client.voidPromise()); // streams (SSE) show their head at once
      }
      readUpstream();
      return;
    }
    if (!(msg instanceof HttpContent)) {
      ReferenceCountUtil.release(msg);
      upstream.read();
      return;
    }
    HttpContent c = (HttpContent) msg;
    if (informational || !responseStarted) {
      if (c instanceof LastHttpContent) {
        informational = false;
      }
      c.release();
      upstream.read();
      return;
    }
    bytes += c.content().readableBytes();
    if (c instanceof LastHttpContent) {
      lastWrite = client.writeAndFlush(c);
      responseComplete();
    } else {
      client.writeAndFlush(c, client.voidPromise());
      readUpstream();
    }
  }

  private void readUpstream() {
    if (client.isWritable()) {
      upstream.read();
    } else {
      upstreamReadPending = true;
    }
  }

  void clientWritable() {
    if (upstreamReadPending && upstream != null && mode == Mode.PROXYING) {
      upstreamReadPending = false;
      upstream.read();
    }
  }

  private void responseComplete() {
    responseDone = true;
    detachUpstream(upstreamKeepAlive && requestDone);
    mode = Mode.DISCARDING;
    finish();
    maybeComplete();
  }

  /** Hands a 101 answer to the client and turns both connections into a byte relay. */
  private void upgrade(HttpResponse r) {
    status = 101;
    responseStarted = true;
    responseDone = true;
    Channel up = upstream;
    up.pipeline().get(UpstreamHandler.class).exchange = null;
    upstream = null;
    mode = Mode.DISCARDING;
    front.detach();
    finish();
    client.writeAndFlush(r);
    // Switch on a later turn of the loop, outside the codecs' own callbacks; no read is pending on
    // either side, so nothing arrives in between.
    client
        .eventLoop()
        .execute(
            () -> {
              ChannelPipeline cp = client.pipeline();
              cp.replace("front", "relay", new Relay(up));
              cp.remove("codec");
              ChannelPipeline upp = up.pipeline();
              upp.replace("upstream", "relay", new Relay(client));
              upp.remove("codec");
              client.read();
              up.read();
            });
  }

  // ---------------------------------------------------------------- faults

  void upstreamClosed(Throwable cause) {
    if (done || upstream == null) {
      return;
    }
    if (!responseStarted) {
      if (reused && bodyless && !retried) {
        // A pooled connection the upstream had just closed: try once on a fresh one.
        retried = true;
        reused = false;
        detachUpstream(false);
        connect();
        return;
      }
      note =
          "upstream closed the connection before answering"
              + (cause == null ? "" : ": " + cause.getClass().getSimpleName());
      detachUpstream(false);
      local(502, "Bad Gateway: the upstream closed the connection without answering\n");
      return;
    }
    note = "upstream closed the connection mid-response";
    detachUpstream(false);
    finish();
    client.close();
  }

  private void timedOut() {
    if (done || responseStarted) {
      return;
    }
    note = "upstream timed out";
    detachUpstream(false);
    local(
        504,
        "Gateway Timeout: the upstream did not answer within "
            + server.upstreamTimeoutMillis / 1000.0
            + " s\n");
  }

  void clientClosed() {
    if (!done) {
      if (!responseStarted) {
        status = 499;
      }
      note = "client closed the connection";
      finish();
    }
    HttpContent c;
    while ((c = held.poll()) != null) {
      c.release();
    }
    mode = Mode.DISCARDING;
    if (upstream != null) {
      detachUpstream(false);
    }
  }

  private void detachUpstream(boolean reuse) {
    cancelTimeout();
    Channel ch = upstream;
    if (ch == null) {
      return;
    }
    upstream = null;
    ch.pipeline().get(UpstreamHandler.class).exchange = null;
    if (reuse && !server.draining) {
      route.upstream().release(ch);
      ch.read(); // notices the upstream closing it while idle
    } else {
      ch.close();
    }
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  // ---------------------------------------------------------------- local answers

  private void preflight() {
    FullHttpResponse r = response(decision.status(), decision.body());
    HttpHeaders h = r.headers();
    decision.writeHeaders(h::set);
    h.set(HttpHeaderNames.VARY, decision.vary());
    send(r);
  }

  /** A response made here (405, 403, 404, 502, 504), with the CORS headers of the decision. */
  private void local(int code, String body) {
    FullHttpResponse r = response(code, body);
    if (decision != null && decision.isCovered()) {
      applyCors(r.headers());
    }
    send(r);
  }

  private void serveFile(Path file) {
    if (file == null) {
      local(404, "Not Found\n");
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      FullHttpResponse r = response(405, "Method Not Allowed\n");
      r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      send(r);
      return;
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      local(404, "Not Found\n");
      return;
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            method.equals("HEAD") ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, StaticFiles.contentType(file))
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    send(r);
  }

  private static FullHttpResponse response(int code, String body) {
    ByteBuf content =
        body.isEmpty()
            ? Unpooled.EMPTY_BUFFER
            : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(code),
            content,
            LOCAL_HEADERS,
            LOCAL_HEADERS);
    if (!body.isEmpty()) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return r;
  }

  private void send(FullHttpResponse r) {
    mode = Mode.DISCARDING;
    HttpContent c;
    while ((c = held.poll()) != null) {
      c.release();
    }
    responseStarted = true;
    responseDone = true;
    status = r.status().code();
    if (!requestDone && !bodyless) {
      clientKeepAlive = false; // do not wait for a body nobody will read
    }
    keepAliveHeader(r.headers());
    lastWrite = client.writeAndFlush(r);
    finish();
    maybeComplete();
  }

  private void keepAliveHeader(HttpHeaders h) {
    if (server.draining) {
      clientKeepAlive = false;
    }
    if (!clientKeepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (clientHttp10) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }

  private void maybeComplete() {
    if (!responseDone) {
      return;
    }
    if (!clientKeepAlive || server.draining) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
      front.exchangeDone(ctx, this, false);
    } else if (requestDone) {
      front.exchangeDone(ctx, this, true);
    } else {
      ctx.read(); // drop the rest of the request body, then serve the next request
    }
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    cancelTimeout();
    server.inflight.decrementAndGet();
    if (server.accessLog != null) {
      server.accessLog.log(logLine());
    }
  }

  // ---------------------------------------------------------------- headers

  private void prepareRequest() {
    HttpHeaders h = request.headers();
    boolean chunked = HttpUtil.isTransferEncodingChunked(request);
    String upgrade = websocket ? h.get(HttpHeaderNames.UPGRADE) : null;
    stripHopByHop(h);
    h.remove(HttpHeaderNames.EXPECT);
    if (chunked) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    if (websocket) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      h.set(HttpHeaderNames.UPGRADE, upgrade);
    }
    String ip = clientAddress(client);
    String prior = h.get(X_FORWARDED_FOR);
    h.set(X_FORWARDED_FOR, prior == null ? ip : prior + ", " + ip);
    if (!h.contains(X_FORWARDED_PROTO)) {
      h.set(X_FORWARDED_PROTO, "http");
    }
    if (clientHost != null && !h.contains(X_FORWARDED_HOST)) {
      h.set(X_FORWARDED_HOST, clientHost);
    }
    if (!server.preserveHost || clientHost == null) {
      h.set(HttpHeaderNames.HOST, route.upstream().authority);
    }
    request.setUri(route.target());
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  private void prepareResponse(HttpResponse r) {
    HttpHeaders h = r.headers();
    boolean hasLength = h.contains(HttpHeaderNames.CONTENT_LENGTH);
    stripHopByHop(h);
    if (decision != null && decision.isCovered()) {
      applyCors(h);
    }
    if (route.rewriter() != null) {
      route.rewriter().rewrite(h, "http://" + (clientHost == null ? "localhost" : clientHost));
    }
    int code = status;
    boolean noBody = method.equals("HEAD") || code == 204 || code == 304;
    if (!hasLength && !noBody) {
      if (clientHttp10) {
        clientKeepAlive = false; // the end of the body is the end of the connection
      } else {
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    keepAliveHeader(h);
    r.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  /** Replaces the upstream's own CORS headers with the decision's and merges {@code Vary}. */
  private void applyCors(HttpHeaders h) {
    List<String> remove = null;
    Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
    while (it.hasNext()) {
      CharSequence name = it.next().getKey();
      if (name.length() > 15 && (name.charAt(0) == 'a' || name.charAt(0) == 'A')) {
        String n = name.toString();
        if (CorsHeaders.isCorsResponseHeader(n)) {
          if (remove == null) {
            remove = new ArrayList<>(2);
          }
          remove.add(n);
        }
      }
    }
    if (remove != null) {
      remove.forEach(h::remove);
    }
    decision.writeHeaders(h::set);
    String vary = decision.vary();
    if (vary != null) {
      List<String> all = h.getAll(HttpHeaderNames.VARY);
      String existing = all.isEmpty() ? null : String.join(", ", all);
      h.set(HttpHeaderNames.VARY, Vary.merge(existing, vary));
    }
  }

  private static void stripHopByHop(HttpHeaders h) {
    for (String c : h.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : c.split(",")) {
        String t = token.trim();
        if (!t.isEmpty()) {
          h.remove(t);
        }
      }
    }
    for (String name : HOP_BY_HOP) {
      h.remove(name);
    }
  }

  private static boolean isWebSocketUpgrade(HttpHeaders h) {
    return h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  // ---------------------------------------------------------------- helpers

  private String logLine() {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"time\":\"").append(Instant.now()).append("\",\"client\":");
    AccessLog.json(b, clientAddress(client));
    b.append(",\"method\":");
    AccessLog.json(b, method);
    b.append(",\"path\":");
    AccessLog.json(b, path);
    b.append(",\"status\":").append(status);
    b.append(",\"bytes\":").append(bytes);
    long micros = (System.nanoTime() - startNanos) / 1000;
    b.append(",\"ms\":").append(micros / 1000).append('.');
    long frac = micros % 1000;
    b.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac);
    b.append(",\"cors\":\"")
        .append(decision == null ? "NONE" : decision.kind().name())
        .append("\",\"origin\":");
    AccessLog.json(b, origin);
    b.append(",\"reason\":");
    AccessLog.json(
        b,
        decision == null || decision.rejection() == null
            ? null
            : decision.rejection().reason().name().toLowerCase(Locale.ROOT));
    b.append(",\"upstream\":");
    AccessLog.json(
        b, route == null || route.upstream() == null ? null : route.upstream().toString());
    if (note != null) {
      b.append(",\"note\":");
      AccessLog.json(b, note);
    }
    return b.append('}').toString();
  }

  static String clientAddress(Channel ch) {
    SocketAddress a = ch.remoteAddress();
    return a instanceof InetSocketAddress
        ? ((InetSocketAddress) a).getAddress().getHostAddress()
        : String.valueOf(a);
  }

  /** The request target in origin form ({@code /path?query}), also for an absolute-form one. */
  static String originForm(String uri) {
    if (uri.startsWith("/")) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    if (scheme > 0) {
      int slash = uri.indexOf('/', scheme + 3);
      int q = uri.indexOf('?', scheme + 3);
      if (slash < 0 || (q >= 0 && q < slash)) {
        return q < 0 ? "/" : "/" + uri.substring(q);
      }
      return uri.substring(slash);
    }
    return uri;
  }

  /** The path of a request target, without query or fragment. */
  static String pathOf(String target) {
    int end = target.length();
    for (int i = 0; i < end; i++) {
      char c = target.charAt(i);
      if (c == '?' || c == '#') {
        return target.substring(0, i);
      }
    }
    return target;
  }

  private static String joined(List<String> values, String sep) {
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(sep, values);
  }
}
