package dev.corsair.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks the raw head of each upstream response before the HTTP codec reads it (RFC 9112 sections 4
 * and 5): {@code HTTP/d.d SP 3DIGIT SP reason}, then header lines {@code token ":" value} without
 * control characters, no obs-fold, CRLF or LF line ends. The codec is lenient (a line without a
 * colon becomes a header with an empty value); this is not. On the first violation it drops the
 * data and fires {@link InvalidResponse}: the exchange answers 502 and closes the connection.
 * Bodies pass unread: after a final response's head it waits until {@link #expectHead()}.
 */
final class ResponseHeadCheck extends ChannelInboundHandlerAdapter {

  /** Why an upstream response head was refused. */
  static final class InvalidResponse extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidResponse(String message) {
      super(message, null, false, false);
    }
  }

  private enum Step {
    STATUS_LINE,
    STATUS_CR,
    LINE_START,
    LINE_START_CR,
    NAME,
    VALUE,
    VALUE_CR,
    BODY,
    FAILED
  }

  private static final int MAX_STATUS_LINE = ProxyServer.MAX_REQUEST_LINE;

  private final StringBuilder statusLine = new StringBuilder(32);
  private final Scanner scanner = new Scanner();
  private Step step = Step.STATUS_LINE;
  private String problem;
  private int statusCode;

  /** The next bytes are a response head (a request was just sent). */
  void expectHead() {
    step = Step.STATUS_LINE;
    statusLine.setLength(0);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (step == Step.BODY || !(msg instanceof ByteBuf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (step == Step.FAILED) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ByteBuf buf = (ByteBuf) msg;
    buf.forEachByte(scanner);
    if (step == Step.FAILED) {
      buf.release();
      ctx.fireExceptionCaught(new InvalidResponse(problem));
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean fail(String why) {
    problem = why;
    step = Step.FAILED;
    return false;
  }

  /** Walks the head byte by byte; stops at its end (a final response) or at a violation. */
  private final class Scanner implements ByteProcessor {
    @Override
    public boolean process(byte b) {
      int c = b & 0xff;
      switch (step) {
        case STATUS_LINE:
          if (c == '\r') {
            step = Step.STATUS_CR;
            return true;
          }
          if (c == '\n') {
            return statusLineEnd();
          }
          if (statusLine.length() >= MAX_STATUS_LINE) {
            return fail("status line longer than " + MAX_STATUS_LINE + " bytes");
          }
          statusLine.append((char) c);
          return true;
        case STATUS_CR:
          return c == '\n' ? statusLineEnd() : fail("CR without LF in the status line");
        case LINE_START:
          if (c == '\r') {
            step = Step.LINE_START_CR;
            return true;
          }
          if (c == '\n') {
            return headEnd();
          }
          if (c == ' ' || c == '\t') {
            return fail("folded header line (obs-fold)");
          }
          if (!HttpChars.isTchar(c)) {
            return fail("invalid character 0x" + Integer.toHexString(c) + " in a header name");
          }
          step = Step.NAME;
          return true;
        case LINE_START_CR:
          return c == '\n' ? headEnd() : fail("CR without LF at the end of the head");
        case NAME:
          if (c == ':') {
            step = Step.VALUE;
            return true;
          }
          if (c == '\r' || c == '\n') {
            return fail("header line without a colon");
          }
          if (c == ' ' || c == '\t') {
            return fail("whitespace between a header name and its colon");
          }
          if (!HttpChars.isTchar(c)) {
            return fail("invalid character 0x" + Integer.toHexString(c) + " in a header name");
          }
          return true;
        case VALUE:
          if (c == '\r') {
            step = Step.VALUE_CR;
            return true;
          }
          if (c == '\n') {
            step = Step.LINE_START;
            return true;
          }
          if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return fail("control character 0x" + Integer.toHexString(c) + " in a header value");
          }
          return true;
        case VALUE_CR:
          if (c != '\n') {
            return fail("CR without LF in a header line");
          }
          step = Step.LINE_START;
          return true;
        default:
          return false; // BODY (the rest of this buffer is body) or FAILED
      }
    }

    private boolean statusLineEnd() {
      String line = statusLine.toString();
      statusLine.setLength(0);
      if (!validStatusLine(line)) {
        String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
        return fail("invalid status line '" + shown + "'");
      }
      statusCode = Integer.parseInt(line.substring(9, 12));
      step = Step.LINE_START;
      return true;
    }

    private boolean headEnd() {
      if (statusCode >= 100 && statusCode < 200 && statusCode != 101) {
        step = Step.STATUS_LINE; // an interim response: the final one follows
        return true;
      }
      step = Step.BODY;
      return false;
    }
  }

  /** {@code HTTP/d.d SP 3DIGIT [SP reason]}, the reason without control characters. */
  static boolean validStatusLine(String line) {
    if (line.length() < 12
        || !line.startsWith("HTTP/")
        || !isDigit(line.charAt(5))
        || line.charAt(6) != '.'
        || !isDigit(line.charAt(7))
        || line.charAt(8) != ' '
        || !isDigit(line.charAt(9))
        || !isDigit(line.charAt(10))
        || !isDigit(line.charAt(11))
        || line.charAt(9) == '0') {
      return false;
    }
    if (line.length() == 12) {
      return true;
    }
    if (line.charAt(12) != ' ') {
      return false;
    }
    for (int i = 13; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
