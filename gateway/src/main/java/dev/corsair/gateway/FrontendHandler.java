package dev.corsair.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.Iterator;
import java.util.Map;

/**
 * One client connection: reads one request at a time (reads are explicit, so a client can neither
 * pipeline ahead nor outrun the upstream), hands it to an {@link Exchange}, and refuses malformed
 * requests with a clear 4xx before closing the connection.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
  private final ExchangeContext context;
  private Exchange exchange;

  FrontendHandler(ExchangeContext context) {
    this.context = context;
  }

  /** Whether no request is in progress (the connection may be closed when draining). */
  boolean idle() {
    return exchange == null;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      HttpRequest req = (HttpRequest) msg;
      if (req.decoderResult().isFailure() || exchange != null || hasInvalidValue(req.headers())) {
        ReferenceCountUtil.release(msg);
        refuse(ctx, req.decoderResult().cause());
        return;
      }
      exchange = new Exchange(context, this, ctx, req);
      exchange.start();
      if (msg instanceof HttpContent) {
        Exchange e = exchange;
        if (e != null) {
          e.requestContent((HttpContent) msg);
        } else {
          ReferenceCountUtil.release(msg);
        }
      }
    } else if (msg instanceof HttpContent) {
      HttpContent c = (HttpContent) msg;
      if (c.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        if (exchange != null) {
          exchange.clientClosed();
        }
        ctx.close();
        return;
      }
      if (exchange == null) {
        ReferenceCountUtil.release(msg);
        ctx.read();
        return;
      }
      exchange.requestContent(c);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.read();
    }
  }

  /** Called by the exchange once both its request and its response are complete. */
  void exchangeDone(ChannelHandlerContext ctx, Exchange e, boolean keepAlive) {
    if (exchange != e) {
      return;
    }
    exchange = null;
    if (keepAlive && !context.draining()) {
      ctx.read();
    }
  }

  /** Called when the exchange handed the connection over to a WebSocket relay. */
  void detach() {
    exchange = null;
  }

  /**
   * Whether a header value holds a control character (HTAB aside), which makes the request
   * malformed. {@code Origin} and {@code Access-Control-Request-*} are exempt except for CR, LF and
   * NUL: the engine refuses such values as a disallowed origin or a malformed preflight (CONTRACT
   * section 2).
   */
  static boolean hasInvalidValue(HttpHeaders headers) {
    Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      CharSequence v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          // CR, LF and NUL are never forwarded (RFC 9110 section 5.5): a bare CR could split
          // the header for the upstream.
          if (c == '\r' || c == '\n' || c == 0 || !isCorsRequestHeader(e.getKey())) {
            return true;
          }
          break;
        }
      }
    }
    return false;
  }

  private static boolean isCorsRequestHeader(CharSequence name) {
    return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.ORIGIN)
        || AsciiString.regionMatches(name, true, 0, "access-control-request-", 0, 23);
  }

  /** A malformed request: 400, 414 or 431 with a plain reason, then close (keeps no state). */
  private void refuse(ChannelHandlerContext ctx, Throwable cause) {
    HttpResponseStatus status;
    String body;
    if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
      body = "request line too long (limit " + ProxyServer.MAX_REQUEST_LINE + " bytes)\n";
    } else if (cause instanceof TooLongHttpHeaderException
        || cause instanceof TooLongFrameException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      body = "request header fields too large (limit " + ProxyServer.MAX_HEADER_SIZE + " bytes)\n";
    } else {
      status = HttpResponseStatus.BAD_REQUEST;
      body = "malformed HTTP request\n";
    }
    FullHttpResponse r = LocalAnswers.text(status.code(), body);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (context.logging()) {
      context.log(
          new AccessLog.Entry(
              System.currentTimeMillis(),
              ctx.channel().remoteAddress(),
              null,
              null,
              status.code(),
              0,
              0,
              "NONE",
              null,
              body.trim(),
              null,
              null));
    }
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null) {
      exchange = null;
      e.clientClosed();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null && ctx.channel().isWritable()) {
      e.clientWritable();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
