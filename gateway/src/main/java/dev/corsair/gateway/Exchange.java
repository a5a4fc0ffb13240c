package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * One request and its response, as a state machine ({@link State}, changed only by {@link
 * #become}). Runs entirely on the client connection's event loop (its upstream connection lives on
 * the same loop), so it needs no locks. Reads are explicit: the next piece of the request body is
 * read only once the upstream can take it, and the next piece of the response only once the client
 * can.
 */
final class Exchange {

  /** Where the exchange is. Every state after {@link #RELAYING} means the response is complete. */
  enum State {
    /** The request head arrived; the exchange decides where it goes. */
    STARTED,
    /** An upstream connection is being opened; request content is held back. */
    CONNECTING,
    /** The request body streams to the upstream; no response yet. */
    SENDING,
    /** The whole request was sent; the upstream timeout runs until the response head arrives. */
    WAITING,
    /** The response streams to the client while the request body still streams upstream. */
    RELAYING_BOTH,
    /** The response streams to the client; the request was sent completely. */
    RELAYING,
    /** The response is complete; the rest of the request body is read and dropped. */
    DISCARDING,
    /** Request and response complete, the connection upgraded, or the client gone. */
    DONE;

    boolean responseComplete() {
      return compareTo(DISCARDING) >= 0;
    }

    boolean responseStarted() {
      return compareTo(RELAYING_BOTH) >= 0;
    }

    boolean relaying() {
      return this == RELAYING_BOTH || this == RELAYING;
    }

    /** Whether request content goes to the upstream now. */
    boolean sending() {
      return this == SENDING || this == RELAYING_BOTH;
    }
  }

  /** Which upstream connection serves the request. */
  private enum Attempt {
    /** A new connection. */
    FRESH,
    /** An idle pooled one (the upstream may have closed it meanwhile). */
    POOLED,
    /** A new one, after a pooled one turned out closed. */
    RETRY
  }

  private final ExchangeContext context;
  private final FrontendHandler front;
  private final ClientTimeouts timeouts;
  private final ChannelHandlerContext ctx;
  private final Channel client;
  private final HttpRequest request;
  private final long startNanos = System.nanoTime();
  private final String method;
  private final String target;
  private final String path;
  private final String clientHost;
  private final boolean clientHttp10;
  private final boolean bodyless;
  private final boolean expectsContinue;
  private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
  private State state = State.STARTED;
  private Attempt attempt = Attempt.FRESH;
  private boolean websocket;

  /** Whether the client connection stays open after this exchange; only ever turns false. */
  private boolean keepAlive;

  /** Whether the upstream said its connection stays open after its response. */
  private boolean upstreamKeepAlive;

  /** A client read waits for the upstream to become writable. */
  private boolean clientReadOwed;

  /** An upstream read waits for the client to become writable. */
  private boolean upstreamReadOwed;

  /**
   * A response head with a body of known length, held until the body's first part arrives: a body
   * that arrives whole goes out with its head as one response, in one buffer and one write.
   */
  private HttpResponse heldHead;

  private CorsDecision decision;
  private String origin;
  private Route route;
  private Channel upstream;
  private ChannelFuture lastWrite;
  private int status;
  private long bytes;
  private String note;

  Exchange(
      ExchangeContext context,
      FrontendHandler front,
      ClientTimeouts timeouts,
      ChannelHandlerContext ctx,
      HttpRequest req,
      boolean lastOnConnection) {
    this.context = context;
    this.front = front;
    this.timeouts = timeouts;
    this.ctx = ctx;
    this.client = ctx.channel();
    this.request = req;
    this.method = req.method().name();
    this.target = RequestTarget.originForm(req.uri());
    this.path = RequestTarget.pathOf(target);
    this.clientHost = req.headers().get(HttpHeaderNames.HOST);
    this.clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
    this.keepAlive = HttpUtil.isKeepAlive(req) && !lastOnConnection;
    this.expectsContinue = HttpUtil.is100ContinueExpected(req);
    this.bodyless =
        !HttpUtil.isTransferEncodingChunked(req) && HttpUtil.getContentLength(req, 0L) == 0;
  }

  State state() {
    return state;
  }

  /**
   * Moves to {@code next}. Entering a state where the response is complete counts the exchange done
   * and logs it, once.
   */
  private void become(State next) {
    State previous = state;
    state = next;
    if (next.responseComplete() && !previous.responseComplete()) {
      cancelTimeout();
      context.finished();
      if (context.logging()) {
        context.log(logEntry());
      }
    }
  }

  void start() {
    context.started();
    HttpHeaders h = request.headers();
    origin = GatewayCors.origin(h);
    CorsEngine engine = context.engine();
    if (engine != null) {
      decision = GatewayCors.decide(engine, method, path, h, origin);
      if (decision.isPreflight()) {
        respond(GatewayCors.preflight(decision));
        return;
      }
    }
    if (request.method().equals(HttpMethod.CONNECT)) {
      answer(405, "CONNECT is not supported: this is a reverse proxy\n");
      return;
    }
    websocket = ForwardHeaders.isWebSocketUpgrade(h);
    if (websocket
        && origin != null
        && decision != null
        && decision.kind() == CorsDecision.Kind.DISALLOWED) {
      note = "websocket origin refused";
      answer(403, "WebSocket upgrade refused: origin not allowed by the CORS policy\n");
      return;
    }
    route = context.route(target, path, method, h.get(HttpHeaderNames.ACCEPT));
    if (route == null || route.upstream() == null) {
      serveFile(route == null ? null : route.file());
      return;
    }
    ForwardHeaders.toUpstream(
        request, route, front.clientIp(), clientHost, websocket, context.preserveHost());
    Channel idle = websocket ? null : route.upstream().pollIdle(client.eventLoop());
    if (idle != null) {
      attempt = Attempt.POOLED;
      become(State.CONNECTING);
      attach(idle);
    } else {
      connect();
    }
  }

  // ---------------------------------------------------------------- request side

  private void connect() {
    become(State.CONNECTING);
    context
        .connect(route.upstream(), client.eventLoop())
        .addListener(
            (ChannelFuture f) -> {
              if (state != State.CONNECTING) {
                if (f.isSuccess()) {
                  f.channel().close();
                }
                return;
              }
              if (!f.isSuccess()) {
                note = "upstream unreachable: " + f.cause();
                answer(502, "Bad Gateway: the upstream " + route.upstream() + " is unreachable\n");
                return;
              }
              // Attach on a later turn: the transport finishes its connect bookkeeping (interest
              // ops) after this listener runs, which would drop a read requested here.
              Channel ch = f.channel();
              ch.eventLoop()
                  .execute(
                      () -> {
                        if (state != State.CONNECTING) {
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
    ch.pipeline().get(ResponseHeadCheck.class).expectHead();
    if (attempt != Attempt.POOLED) {
      ch.read(); // a pooled connection already has a read pending
    }
    if (bodyless && !expectsContinue) {
      // The head is the whole request: it goes out as one message. The client's end-of-request
      // marker is read now and dropped; reading it now also keeps the client's socket armed for
      // reading, which otherwise costs two epoll_ctl calls per request.
      releaseHeld();
      ch.writeAndFlush(
          new DefaultFullHttpRequest(
              request.protocolVersion(),
              request.method(),
              request.uri(),
              Unpooled.EMPTY_BUFFER,
              request.headers(),
              EmptyHttpHeaders.INSTANCE),
          ch.voidPromise());
      become(State.WAITING);
      startTimeout();
      readClient();
      return;
    }
    ch.write(request, ch.voidPromise());
    boolean complete = false;
    HttpContent c;
    while ((c = held.poll()) != null) {
      complete |= c instanceof LastHttpContent;
      ch.write(c, ch.voidPromise());
    }
    ch.flush();
    if (complete) {
      become(State.WAITING);
      startTimeout();
      return;
    }
    become(State.SENDING);
    if (expectsContinue && attempt != Attempt.RETRY) {
      // the client waits for this before it sends the body
      client.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER),
          client.voidPromise());
    }
    readClient();
  }

  /**
   * Starts the wait for the response head once the whole request was sent, so a long upload is not
   * mistaken for a slow upstream.
   */
  private void startTimeout() {
    timeouts.awaitUpstream();
  }

  void requestContent(HttpContent c) {
    boolean last = c instanceof LastHttpContent;
    switch (state) {
      case CONNECTING:
        held.add(c);
        return;
      case SENDING:
      case RELAYING_BOTH:
        upstream.writeAndFlush(c, upstream.voidPromise());
        if (!last) {
          readClient();
        } else if (state == State.SENDING) {
          become(State.WAITING);
          startTimeout();
        } else {
          become(State.RELAYING);
        }
        return;
      case DISCARDING:
        c.release();
        if (last) {
          become(State.DONE);
          afterResponse();
        } else {
          ctx.read();
        }
        return;
      default:
        c.release();
    }
  }

  private void readClient() {
    if (upstream.isWritable()) {
      ctx.read();
    } else {
      clientReadOwed = true;
    }
  }

  void upstreamWritable() {
    if (clientReadOwed && state.sending()) {
      clientReadOwed = false;
      ctx.read();
    }
  }

  // ---------------------------------------------------------------- response side

  void upstreamRead(Object msg) {
    if (upstream == null
        || !(state == State.SENDING || state == State.WAITING || state.relaying())) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse) {
      responseHead((HttpResponse) msg);
      return;
    }
    if (!(msg instanceof HttpContent) || !state.relaying()) {
      // the end of an informational (1xx) response, or nothing HTTP
      ReferenceCountUtil.release(msg);
      upstream.read();
      return;
    }
    HttpContent c = (HttpContent) msg;
    bytes += c.content().readableBytes();
    HttpResponse head = heldHead;
    if (head != null) {
      heldHead = null;
      if (c instanceof LastHttpContent) {
        responseComplete(
            new DefaultFullHttpResponse(
                head.protocolVersion(),
                head.status(),
                c.content(),
                head.headers(),
                ((LastHttpContent) c).trailingHeaders()));
        return;
      }
      client.write(head, client.voidPromise());
    }
    if (c instanceof LastHttpContent) {
      responseComplete(c);
    } else {
      client.writeAndFlush(c, client.voidPromise());
      readUpstream();
    }
  }

  private void responseHead(HttpResponse r) {
    if (r.decoderResult().isFailure()) {
      ReferenceCountUtil.release(r);
      upstreamInvalid(String.valueOf(r.decoderResult().cause()));
      return;
    }
    int code = r.status().code();
    if (state.relaying() || (code < 200 && !(code == 101 && websocket))) {
      // 100 Continue and friends: the client got its own
      ReferenceCountUtil.release(r);
      upstream.read();
      return;
    }
    cancelTimeout();
    if (websocket && code == 101) {
      upgrade(r);
      return;
    }
    status = code;
    upstreamKeepAlive = HttpUtil.isKeepAlive(r);
    become(state == State.WAITING ? State.RELAYING : State.RELAYING_BOTH);
    prepareResponse(r);
    if (r instanceof LastHttpContent) {
      bytes += ((HttpContent) r).content().readableBytes();
      responseComplete(r);
      return;
    }
    if (HttpUtil.getContentLength(r, -1L) > 0) {
      heldHead = r; // sent with the body that follows
    } else {
      client.writeAndFlush(r, client.voidPromise()); // streams (SSE) show their head at once
    }
    readUpstream();
  }

  private void readUpstream() {
    if (client.isWritable()) {
      upstream.read();
    } else {
      upstreamReadOwed = true;
    }
  }

  void clientWritable() {
    if (upstreamReadOwed && upstream != null && state.relaying()) {
      upstreamReadOwed = false;
      upstream.read();
    }
  }

  /**
   * Completes the response with its last part. The exchange is counted done before the part is
   * written, so whoever sees the response sees the exchange done.
   */
  private void responseComplete(Object last) {
    boolean requestSent = state == State.RELAYING;
    detachUpstream(upstreamKeepAlive && requestSent);
    become(requestSent ? State.DONE : State.DISCARDING);
    lastWrite = client.writeAndFlush(last);
    afterResponse();
  }

  /** Hands a 101 answer to the client and turns both connections into a byte relay. */
  private void upgrade(HttpResponse r) {
    status = 101;
    Channel up = upstream;
    up.pipeline().get(UpstreamHandler.class).exchange = null;
    upstream = null;
    front.detach();
    become(State.DONE);
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
              if (cp.get("shortcut") != null) {
                cp.remove("shortcut"); // the bytes that follow are WebSocket frames
              }
              ChannelPipeline upp = up.pipeline();
              upp.replace("upstream", "relay", new Relay(client));
              upp.remove("codec");
              client.read();
              up.read();
            });
  }

  // ---------------------------------------------------------------- faults

  void upstreamClosed(Throwable cause) {
    if (upstream == null || state.responseComplete()) {
      return;
    }
    if (!state.responseStarted()) {
      if (attempt == Attempt.POOLED && bodyless) {
        // A pooled connection the upstream had just closed: try once on a fresh one.
        attempt = Attempt.RETRY;
        detachUpstream(false);
        if (state == State.WAITING) {
          held.add(LastHttpContent.EMPTY_LAST_CONTENT); // the request was sent whole
        }
        connect();
        return;
      }
      note =
          "upstream closed the connection before answering"
              + (cause == null ? "" : ": " + cause.getClass().getSimpleName());
      detachUpstream(false);
      answer(502, "Bad Gateway: the upstream closed the connection without answering\n");
      return;
    }
    note = "upstream closed the connection mid-response";
    detachUpstream(false);
    become(State.DONE);
    client.close();
  }

  /**
   * The upstream's response head is not a valid HTTP/1.1 one: 502 (with the CORS headers) when
   * nothing was answered yet, and the upstream connection is closed, never pooled.
   */
  void upstreamInvalid(String why) {
    if (upstream == null || state.responseComplete()) {
      return;
    }
    note = "upstream sent an invalid response: " + why;
    detachUpstream(false);
    if (state.responseStarted()) {
      become(State.DONE);
      client.close();
    } else {
      answer(502, "Bad Gateway: the upstream sent an invalid HTTP response\n");
    }
  }

  /** The client paused its request body longer than the body timeout. */
  void clientTimedOut(String limit) {
    note = "client sent no request body data for " + limit;
    if (state.responseStarted()) {
      detachUpstream(false);
      become(State.DONE);
      client.close();
      return;
    }
    detachUpstream(false); // it got part of a request
    keepAlive = false;
    answer(408, "Request Timeout: the request body did not arrive within " + limit + "\n");
  }

  /** The upstream timeout ran out (the connection's clock, {@link ClientTimeouts}). */
  void upstreamTimedOut() {
    if (state != State.WAITING) {
      return;
    }
    note = "upstream timed out";
    detachUpstream(false);
    answer(
        504,
        "Gateway Timeout: the upstream did not answer within "
            + context.upstreamTimeoutMillis() / 1000.0
            + " s\n");
  }

  void clientClosed() {
    if (!state.responseComplete()) {
      if (!state.responseStarted()) {
        status = 499;
      }
      note = "client closed the connection";
    }
    become(State.DONE);
    releaseHeld();
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
    clientReadOwed = false;
    upstreamReadOwed = false;
    ch.pipeline().get(UpstreamHandler.class).exchange = null;
    if (reuse && !context.draining()) {
      route.upstream().release(ch);
      ch.read(); // notices the upstream closing it while idle
    } else {
      ch.close();
    }
  }

  private void cancelTimeout() {
    timeouts.upstreamDone();
  }

  private void releaseHeld() {
    HttpContent c;
    while ((c = held.poll()) != null) {
      c.release();
    }
  }

  // ---------------------------------------------------------------- local answers

  /** A response made here (405, 403, 404, 502, 504), with the CORS headers of the decision. */
  private void answer(int code, String body) {
    FullHttpResponse r = LocalAnswers.text(code, body);
    if (decision != null) {
      GatewayCors.apply(decision, r.headers());
    }
    respond(r);
  }

  private void serveFile(Path file) {
    if (file == null) {
      answer(404, "Not Found\n");
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      respond(LocalAnswers.fileMethodNotAllowed());
      return;
    }
    FullHttpResponse r = LocalAnswers.file(file, method.equals("HEAD"));
    if (r == null) {
      answer(404, "Not Found\n");
    } else {
      respond(r);
    }
  }

  /** Writes a response made here and completes the exchange's response side. */
  private void respond(FullHttpResponse r) {
    boolean requestSent = requestSent();
    releaseHeld();
    status = r.status().code();
    if (!requestSent && !bodyless) {
      keepAlive = false; // do not wait for a body nobody will read
    }
    connectionHeader(r.headers());
    become(requestSent ? State.DONE : State.DISCARDING); // counted done before anyone sees it
    lastWrite = client.writeAndFlush(r);
    afterResponse();
  }

  /** Whether the client's whole request arrived (and went upstream, or is held for it). */
  private boolean requestSent() {
    switch (state) {
      case WAITING:
      case RELAYING:
        return true;
      case CONNECTING:
        return held.peekLast() instanceof LastHttpContent;
      default:
        return false;
    }
  }

  private void connectionHeader(HttpHeaders h) {
    if (context.draining()) {
      keepAlive = false;
    }
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (clientHttp10) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }

  /** Once the response is complete: close, serve the next request, or drop the rest of the body. */
  private void afterResponse() {
    if (!keepAlive || context.draining()) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
      front.exchangeDone(ctx, this, false);
    } else if (state == State.DONE) {
      front.exchangeDone(ctx, this, true);
    } else {
      ctx.read(); // drop the rest of the request body, then serve the next request
    }
  }

  // ---------------------------------------------------------------- headers

  private void prepareResponse(HttpResponse r) {
    HttpHeaders h = r.headers();
    boolean hasLength = h.contains(HttpHeaderNames.CONTENT_LENGTH);
    ForwardHeaders.stripHopByHop(h);
    if (decision != null) {
      GatewayCors.apply(decision, h);
    }
    if (route.rewriter() != null) {
      route.rewriter().rewrite(h, "http://" + (clientHost == null ? "localhost" : clientHost));
    }
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
    if (!hasLength && !noBody) {
      if (clientHttp10) {
        keepAlive = false; // the end of the body is the end of the connection
      } else {
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    connectionHeader(h);
    r.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  private AccessLog.Entry logEntry() {
    return AccessLog.Entry.of(
        front.clientIp(),
        method,
        path,
        status,
        bytes,
        startNanos,
        decision,
        origin,
        route == null ? null : route.upstream(),
        note);
  }
}
