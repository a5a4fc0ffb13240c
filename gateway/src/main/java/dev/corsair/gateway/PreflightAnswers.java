package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Preflight answers as the bytes the gateway's response encoder writes for them ({@link
 * GatewayCors#preflight} encoded by Netty's {@link HttpResponseEncoder}, as the full path does).
 * The engine hands out the very same decision for a repeated allowed preflight, so the last answers
 * are kept by decision, encoded once: 32 slots, shared by the event loops (entries are immutable, a
 * race at worst encodes again). They are kept as heap bytes, which the GC frees when a slot is
 * replaced, so a flood of distinct allowed origins costs nothing but garbage.
 */
final class PreflightAnswers {
  private static final int SLOTS = 32;

  private final Entry[] entries = new Entry[SLOTS];
  private final LongAdder handedOut = new LongAdder();

  /** One encoded answer. */
  private record Entry(CorsDecision decision, byte[] bytes) {}

  /** The encoded answer to {@code decision} (a preflight), ready to write. */
  ByteBuf encoded(CorsDecision decision, ChannelHandlerContext ctx) {
    handedOut.increment();
    int slot = System.identityHashCode(decision) & (SLOTS - 1);
    Entry e = entries[slot];
    if (e != null && e.decision == decision) {
      return Unpooled.wrappedBuffer(e.bytes); // the transport copies it to a pooled direct buffer
    }
    ByteBuf bytes = encode(decision, ctx);
    if (decision.kind() == CorsDecision.Kind.PREFLIGHT_ALLOWED) {
      byte[] kept = new byte[bytes.readableBytes()];
      bytes.getBytes(bytes.readerIndex(), kept);
      entries[slot] = new Entry(decision, kept);
    } // a refusal is not repeated from the engine's preflight cache: not kept
    return bytes;
  }

  /** How many answers {@link #encoded} handed out (preflights answered ahead of the decoder). */
  long handedOut() {
    return handedOut.sum();
  }

  /** The answer's bytes, from the same response object and encoder as the full path. */
  private static ByteBuf encode(CorsDecision decision, ChannelHandlerContext ctx) {
    FullHttpResponse r = GatewayCors.preflight(decision);
    List<Object> out = new ArrayList<>(3);
    ByteBuf all = ctx.alloc().buffer();
    try {
      new Encoder().encodeTo(ctx, r, out);
      for (Object o : out) {
        all.writeBytes((ByteBuf) o);
      }
    } catch (Exception e) {
      all.release();
      throw new IllegalStateException("cannot encode a preflight answer", e);
    } finally {
      for (Object o : out) {
        ReferenceCountUtil.release(o);
      }
      // the encoder may hand on the body itself, or release the response as its pipeline
      // version does: release what is left, once
      if (r.refCnt() > 0) {
        r.release();
      }
    }
    return all;
  }

  /** Netty's response encoder, called directly (it only takes buffers from the context). */
  private static final class Encoder extends HttpResponseEncoder {
    void encodeTo(ChannelHandlerContext ctx, FullHttpResponse r, List<Object> out)
        throws Exception {
      encode(ctx, r, out);
    }
  }
}
