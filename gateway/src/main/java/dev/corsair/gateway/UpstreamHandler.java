package dev.corsair.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands what the upstream sends to the exchange using
 * the connection, and drops the connection from the pool when it closes while idle.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
  private final Upstream upstream;
  Exchange exchange;

  UpstreamHandler(Upstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Exchange e = exchange;
    if (e == null) {
      // An idle connection must stay silent; anything it sends makes it unusable.
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    e.upstreamRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e == null) {
      upstream.forget(ctx.channel());
    } else {
      e.upstreamClosed(null);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    OutOfMemory.exitIfCausedBy(cause);
    Exchange e = exchange;
    if (e != null) {
      if (cause instanceof ResponseHeadCheck.InvalidResponse) {
        e.upstreamInvalid(cause.getMessage());
      } else {
        e.upstreamClosed(cause);
      }
    }
    ctx.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null && ctx.channel().isWritable()) {
      e.upstreamWritable();
    }
  }
}
