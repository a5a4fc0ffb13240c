package dev.corsair.gateway;

import dev.corsair.tools.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The admin port: {@code GET /health} answers 200 {@code {"status":"up",...}} while serving and 503
 * {@code draining} during a graceful shutdown; {@code GET /refusals} the CORS refusals by reason;
 * anything else is 404.
 */
final class AdminHandler extends ChannelInboundHandlerAdapter {
  private final ProxyServer server;

  AdminHandler(ProxyServer server) {
    this.server = server;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof HttpRequest)) {
        return;
      }
      HttpRequest req = (HttpRequest) msg;
      String path = req.uri();
      int q = path.indexOf('?');
      path = q < 0 ? path : path.substring(0, q);
      HttpResponseStatus status;
      String body;
      if (req.decoderResult().isFailure()) {
        status = HttpResponseStatus.BAD_REQUEST;
        body = "bad request\n";
      } else if (path.equals("/health") || path.equals("/healthz")) {
        status = server.draining() ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK;
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", server.draining() ? "draining" : "up");
        health.put("inflight", server.inflight());
        body = Json.write(health) + "\n";
      } else if (path.equals("/refusals")) {
        status = HttpResponseStatus.OK;
        body = refusals();
      } else {
        status = HttpResponseStatus.NOT_FOUND;
        body = "not found: try GET /health or GET /refusals\n";
      }
      FullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      r.headers()
          .set(
              HttpHeaderNames.CONTENT_TYPE,
              body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
          .set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * {@code {"refusals":{"origin_not_allowed":3,...},"access_log_dropped":0}}: the engine's refusals
   * since start (or the last reload) by reason, as the access log names them.
   */
  private String refusals() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    server.refusalCounts().forEach((k, v) -> byReason.put(k.toLowerCase(Locale.ROOT), v));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refusals", byReason);
    body.put("access_log_dropped", server.accessLogDropped());
    return Json.write(body) + "\n";
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    OutOfMemory.exitIfCausedBy(cause);
    ctx.close();
  }
}
