package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.CorsRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Answers a plain preflight straight from the socket's bytes, before Netty's HTTP decoder, with the
 * same engine decision, the same response bytes ({@link PreflightAnswers}) and the same access-log
 * line as the full path ({@link FrontendHandler}, {@link Exchange}). A preflight is most of what a
 * CORS gateway answers itself, and the full path spends most of its time building Netty's request
 * and response objects for it.
 *
 * <p>It takes a request only when the decoder holds nothing: no exchange is in progress (so no body
 * is still expected and no decoded request waits) and the last bytes the decoder got ended a
 * request head, or it got none yet. The bytes of a request head split over two reads go to the
 * decoder, and so does every buffer that is not exactly one {@linkplain PreflightHead plain
 * preflight} for a path under a policy. After a WebSocket upgrade the handler is removed.
 */
final class PreflightShortcut extends ChannelDuplexHandler {
  /** Longer heads go through the decoder (they are not plain preflights from a browser). */
  static final int MAX_HEAD = 4096;

  /** Where a head is copied to be read, one per event loop. */
  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[MAX_HEAD];
        }
      };

  private final ExchangeContext context;
  private final FrontendHandler front;
  private final ClientTimeouts timeouts;
  private final PreflightAnswers answers;

  /** Whether the last bytes the decoder got ended a request head (or it got none yet). */
  private boolean atBoundary = true;

  /** Whether a buffer went to the decoder since the last read completed. */
  private boolean forwarded;

  /** The next request is read once the client channel becomes writable again. */
  private boolean readOwed;

  PreflightShortcut(
      ExchangeContext context,
      FrontendHandler front,
      ClientTimeouts timeouts,
      PreflightAnswers answers) {
    this.context = context;
    this.front = front;
    this.timeouts = timeouts;
    this.answers = answers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf) {
      ByteBuf buf = (ByteBuf) msg;
      if (atBoundary && tryAnswer(ctx, buf)) {
        buf.release();
        return;
      }
      atBoundary = PreflightHead.endsHead(buf);
    }
    forwarded = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // After an answer made here, the handlers behind see no read at all: they would ask for the
    // next one, which is this handler's to ask for (or to hold back while the client is not
    // taking the answers).
    if (forwarded) {
      forwarded = false;
      ctx.fireChannelReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (readOwed && ctx.channel().isWritable()) {
      readOwed = false;
      ctx.read();
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Answers {@code buf} when it is one plain preflight under a policy; false leaves it as is. */
  private boolean tryAnswer(ChannelHandlerContext ctx, ByteBuf buf) {
    int len = buf.readableBytes();
    if (len > MAX_HEAD || len == 0 || buf.getByte(buf.readerIndex()) != 'O' || !front.idle()) {
      return false;
    }
    CorsEngine engine = context.engine();
    if (engine == null || context.draining()) {
      return false;
    }
    byte[] scratch = SCRATCH.get();
    buf.getBytes(buf.readerIndex(), scratch, 0, len);
    PreflightHead head = PreflightHead.parse(scratch, len);
    if (head == null || head.origin() == null || head.requestMethod() == null) {
      return false;
    }
    String path = RequestTarget.pathOf(head.target());
    // The engine decides a preflight only under a policy; elsewhere the request is proxied.
    if (!engine.covers(path) || !front.claimKeepAliveRequest()) {
      return false;
    }
    // Not counted in flight (ExchangeContext.started): it is answered before anyone could look.
    long start = System.nanoTime();
    CorsDecision decision = engine.decide(new Request(path, head));
    ctx.writeAndFlush(answers.encoded(decision, ctx), ctx.voidPromise());
    if (context.logging()) {
      context.log(
          AccessLog.Entry.of(
              front.clientIp(),
              "OPTIONS",
              path,
              decision.status(),
              0,
              start,
              decision,
              head.origin(),
              null,
              null));
    }
    timeouts.idle();
    if (ctx.channel().isWritable()) {
      ctx.read();
    } else {
      readOwed = true;
    }
    return true;
  }

  /** The parsed head as the engine reads it (each CORS field is on one line at most). */
  private record Request(String path, PreflightHead head) implements CorsRequest {
    @Override
    public String method() {
      return "OPTIONS";
    }

    @Override
    public Iterator<String> headers(String name) {
      String value;
      if (name.equalsIgnoreCase(CorsHeaders.ORIGIN)) {
        value = head.origin();
      } else if (name.equalsIgnoreCase(CorsHeaders.REQUEST_METHOD)) {
        value = head.requestMethod();
      } else if (name.equalsIgnoreCase(CorsHeaders.REQUEST_HEADERS)) {
        value = head.requestHeaders();
      } else if (name.equalsIgnoreCase(CorsHeaders.REQUEST_PRIVATE_NETWORK)) {
        value = head.privateNetwork();
      } else {
        value = null;
      }
      return value == null ? Collections.emptyIterator() : List.of(value).iterator();
    }
  }
}
