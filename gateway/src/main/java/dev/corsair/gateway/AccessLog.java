package dev.corsair.gateway;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JSON line per request, written by a background thread so the event loops never block on the
 * log's stream. When the queue is full a line is dropped and counted rather than stalling traffic.
 */
final class AccessLog implements AutoCloseable {
  private static final String STOP = new String("stop");

  private final PrintStream out;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65536);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;

  private AccessLog(PrintStream out) {
    this.out = out;
    this.writer = new Thread(this::drain, "corsair-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** A log to {@code out}; null out gives a log that discards everything. */
  static AccessLog to(PrintStream out) {
    return out == null ? null : new AccessLog(out);
  }

  void log(String line) {
    if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  long dropped() {
    return dropped.get();
  }

  private void drain() {
    List<String> batch = new ArrayList<>(256);
    StringBuilder b = new StringBuilder(8192);
    try {
      while (true) {
        String first = queue.take();
        batch.add(first);
        queue.drainTo(batch, 4096);
        boolean stop = false;
        for (String s : batch) {
          if (s == STOP) {
            stop = true;
          } else {
            b.append(s).append('\n');
          }
        }
        batch.clear();
        out.print(b);
        out.flush();
        b.setLength(0);
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is queued and stops the writer. */
  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Appends {@code s} as a JSON string literal (or null). */
  static void json(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
