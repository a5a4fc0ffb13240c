package dev.corsair.spring.boot.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything printed on standard output from now on (Boot's console log goes there), still printed:
 * tests read the log lines of the application they started.
 */
final class Output {
  private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();

  static {
    PrintStream original = System.out;
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                original.write(b);
                synchronized (CAPTURED) {
                  CAPTURED.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (CAPTURED) {
                  CAPTURED.write(b, off, len);
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  private Output() {}

  /** The position to read from later. */
  static int mark() {
    synchronized (CAPTURED) {
      return CAPTURED.size();
    }
  }

  /** What was printed since {@code mark}. */
  static String since(int mark) {
    synchronized (CAPTURED) {
      String all = CAPTURED.toString(StandardCharsets.UTF_8);
      return all.substring(Math.min(mark, all.length()));
    }
  }
}
