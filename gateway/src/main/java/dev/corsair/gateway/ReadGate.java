package dev.corsair.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Delivers exactly one decoded message per {@code read()} on a channel whose auto-read is off, so
 * the handler after it pulls HTTP messages one at a time. (A codec decodes everything a socket read
 * returned; this holds the rest until asked.) Messages still held when it is removed are passed on,
 * so a protocol switch loses nothing.
 */
final class ReadGate extends ChannelDuplexHandler {
  private final ArrayDeque<Object> held = new ArrayDeque<>(4);
  private int demand;
  private boolean delivering;

  @Override
  public void read(ChannelHandlerContext ctx) {
    demand++;
    if (!delivering) {
      deliver(ctx);
    }
    if (demand > 0 && held.isEmpty()) {
      ctx.read();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    held.add(msg);
    if (!delivering) {
      deliver(ctx);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (demand > 0 && held.isEmpty()) {
      ctx.read(); // the socket gave part of a message: keep reading until one is whole
    }
    ctx.fireChannelReadComplete();
  }

  private void deliver(ChannelHandlerContext ctx) {
    delivering = true;
    try {
      while (demand > 0 && !held.isEmpty()) {
        demand--;
        ctx.fireChannelRead(held.poll());
      }
    } finally {
      delivering = false;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Object m;
    while ((m = held.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    Object m;
    while ((m = held.poll()) != null) {
      ctx.fireChannelRead(m);
    }
  }
}
