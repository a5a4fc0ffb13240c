package dev.corsair.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client connection's clock, first in its pipeline so that it sees raw bytes: a request head
 * must be complete within the header timeout of its first byte (or of the connection's opening), a
 * body may not pause longer than the body timeout while the gateway asks for it, a keep-alive
 * connection may idle for the keep-alive timeout, and a request sent upstream must get its response
 * head within the upstream timeout. On expiry it fires {@link Expired} for the front handler, which
 * answers 408 or 504, or closes. One timer per connection, moved lazily: requests only update a
 * deadline, and the timer is re-armed only when it fires.
 */
final class ClientTimeouts extends ChannelDuplexHandler {

  /** What the connection waits for from the client. */
  enum Phase {
    /** The next request's head (partial or not begun on a new connection). */
    HEAD,
    /** The rest of a request body. */
    BODY,
    /** Nothing: the gateway works on the request. */
    BUSY,
    /** Nothing from the client: the request went upstream, whose response head is awaited. */
    UPSTREAM,
    /** The next request on a keep-alive connection. */
    IDLE
  }

  /** The event fired when the phase's time ran out. */
  record Expired(Phase phase, long limitMillis) {}

  private final long headerNanos;
  private final long bodyNanos;
  private final long idleNanos;
  private final long upstreamNanos;

  /**
   * The shortest of the four: the timer is never armed further ahead than this, so that a phase
   * entered later (the next request's head after an idle wait) never finds the timer too late and
   * has to cancel and re-arm it on every request; a timer that fires early re-arms for the rest.
   */
  private final long shortestNanos;

  private ChannelHandlerContext ctx;
  private Phase phase = Phase.HEAD;
  private long deadline;
  private boolean reading;
  private ScheduledFuture<?> timer;
  private long timerAt;

  ClientTimeouts(ClientLimits limits, long upstreamTimeoutMillis) {
    this.headerNanos = limits.headerTimeout().toNanos();
    this.bodyNanos = limits.bodyTimeout().toNanos();
    this.idleNanos = limits.keepAliveTimeout().toNanos();
    this.upstreamNanos = TimeUnit.MILLISECONDS.toNanos(upstreamTimeoutMillis);
    this.shortestNanos =
        Math.min(Math.min(headerNanos, bodyNanos), Math.min(idleNanos, upstreamNanos));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    enter(Phase.HEAD, headerNanos);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
      if (phase == Phase.IDLE) {
        enter(Phase.HEAD, headerNanos);
      } else if (phase == Phase.BODY) {
        deadline = System.nanoTime() + bodyNanos;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    ctx.fireChannelReadComplete();
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    if (!reading && phase == Phase.BODY) {
      deadline = System.nanoTime() + bodyNanos; // time the gateway did not ask for is not counted
    }
    reading = true;
    ctx.read();
  }

  /** A request head arrived; its body (if any) follows. */
  void headReceived(boolean body) {
    if (body) {
      enter(Phase.BODY, bodyNanos);
    } else {
      enter(Phase.BUSY, 0);
    }
  }

  /** The request body arrived whole. */
  void bodyReceived() {
    if (phase == Phase.BODY) {
      enter(Phase.BUSY, 0);
    }
  }

  /** The whole request went upstream: its response head is due within the upstream timeout. */
  void awaitUpstream() {
    enter(Phase.UPSTREAM, upstreamNanos);
  }

  /** The upstream answered, or the wait for it ended otherwise: its clock stops. */
  void upstreamDone() {
    if (phase == Phase.UPSTREAM) {
      phase = Phase.BUSY;
    }
  }

  /** The exchange is complete and the connection waits for the next request. */
  void idle() {
    enter(Phase.IDLE, idleNanos);
  }

  private void enter(Phase next, long nanos) {
    phase = next;
    if (next == Phase.BUSY) {
      return; // the timer, if armed, finds nothing to do and is not re-armed
    }
    deadline = System.nanoTime() + nanos;
    if (timer != null && timerAt - deadline > 0) {
      timer.cancel(false); // fires too late for the new deadline
      timer = null;
    }
    if (timer == null && ctx != null) {
      arm(nanos);
    }
  }

  private void arm(long nanos) {
    long in = Math.min(nanos, shortestNanos);
    timerAt = System.nanoTime() + in;
    timer = ctx.executor().schedule(this::check, in, TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (!ctx.channel().isActive() || phase == Phase.BUSY) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (phase == Phase.BODY && !reading) {
      left = bodyNanos; // not asking for the body now (back-pressure): the pause is ours
      deadline = System.nanoTime() + left;
    }
    if (left > 0) {
      arm(left);
      return;
    }
    long limit =
        switch (phase) {
          case HEAD -> headerNanos;
          case BODY -> bodyNanos;
          case UPSTREAM -> upstreamNanos;
          default -> idleNanos;
        };
    ctx.fireUserEventTriggered(new Expired(phase, TimeUnit.NANOSECONDS.toMillis(limit)));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    ctx.fireChannelInactive();
  }
}
