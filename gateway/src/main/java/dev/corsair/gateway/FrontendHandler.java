package dev.corsair.gateway;

import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.Map;

/**
 * One client connection: reads one request at a time (reads are explicit, so a client can neither
 * pipeline ahead nor outrun the upstream), hands it to an {@link Exchange}, and refuses malformed
 * requests with a clear 4xx before closing the connection. The next request is read only once the
 * client took the previous answers (its channel is writable), so answers made here never pile up.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
  private final ExchangeContext context;
  private final ClientTimeouts timeouts;
  private final int maxRequests;
  private Exchange exchange;
  private int requests;
  private String clientIp;
  private Channel channel;

  /** The next request is read once the client channel becomes writable again. */
  private boolean readOwed;

  FrontendHandler(ExchangeContext context, ClientTimeouts timeouts, ClientLimits limits) {
    this.context = context;
    this.timeouts = timeouts;
    this.maxRequests = limits.maxRequestsPerConnection();
  }

  /** The client's IP address as text (for X-Forwarded-For and the log), computed once. */
  String clientIp() {
    if (clientIp == null) {
      SocketAddress a = channel.remoteAddress();
      clientIp =
          a instanceof InetSocketAddress
              ? ((InetSocketAddress) a).getAddress().getHostAddress()
              : String.valueOf(a);
    }
    return clientIp;
  }

  /** Whether no request is in progress (the connection may be closed when draining). */
  boolean idle() {
    return exchange == null;
  }

  /**
   * Counts a request that {@link PreflightShortcut} answers, when the connection stays open after
   * it; false (nothing counted) when it is the last one the connection may serve.
   */
  boolean claimKeepAliveRequest() {
    if (requests + 1 >= maxRequests) {
      return false;
    }
    requests++;
    return true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
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
      boolean last = ++requests >= maxRequests;
      timeouts.headReceived(
          HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0);
      exchange = new Exchange(context, this, timeouts, ctx, req, last);
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
      if (c instanceof LastHttpContent) {
        timeouts.bodyReceived();
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
      timeouts.idle();
      if (ctx.channel().isWritable()) {
        ctx.read();
      } else {
        readOwed = true; // the client has not taken the answers yet: read nothing more meanwhile
      }
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
    int status;
    String body;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      body = "request line too long (limit " + ProxyServer.MAX_REQUEST_LINE + " bytes)\n";
    } else if (cause instanceof TooLongHttpHeaderException
        || cause instanceof TooLongFrameException) {
      status = 431;
      body = "request header fields too large (limit " + ProxyServer.MAX_HEADER_SIZE + " bytes)\n";
    } else {
      status = 400;
      body = "malformed HTTP request\n";
    }
    answerAndClose(ctx, status, body);
  }

  /** Answers and closes a connection with no exchange in progress, and logs it. */
  private void answerAndClose(ChannelHandlerContext ctx, int status, String body) {
    FullHttpResponse r = LocalAnswers.text(status, body);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (context.logging()) {
      context.log(
          new AccessLog.Entry(
              System.currentTimeMillis(),
              clientIp(),
              null,
              null,
              status,
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

  /**
   * A timeout ran out: for the client, 408 when nothing was answered to the request yet, else
   * close; for the upstream, the exchange answers 504.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof ClientTimeouts.Expired)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    ClientTimeouts.Expired x = (ClientTimeouts.Expired) evt;
    String limit = x.limitMillis() / 1000.0 + " s";
    Exchange e = exchange;
    switch (x.phase()) {
      case HEAD:
        if (e == null) {
          answerAndClose(
              ctx, 408, "Request Timeout: the request head did not arrive within " + limit + "\n");
        } else {
          ctx.close();
        }
        return;
      case BODY:
        if (e != null) {
          e.clientTimedOut(limit);
        } else {
          ctx.close();
        }
        return;
      case UPSTREAM:
        if (e != null) {
          e.upstreamTimedOut();
        }
        return;
      default:
        ctx.close(); // an idle keep-alive connection: closed silently, as every server does
    }
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
    if (!ctx.channel().isWritable()) {
      return;
    }
    Exchange e = exchange;
    if (e != null) {
      e.clientWritable();
    } else if (readOwed) {
      readOwed = false;
      ctx.read();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    OutOfMemory.exitIfCausedBy(cause);
    ctx.close();
  }
}
