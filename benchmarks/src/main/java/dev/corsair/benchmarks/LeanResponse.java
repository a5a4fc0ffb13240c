package dev.corsair.benchmarks;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A lean {@link HttpServletResponse}: header lines in two arrays, a body that only counts bytes,
 * and {@link #clear()} that resets everything without allocating; {@link #getHeaders} allocates
 * only for a header that is present. Like a container, it ignores header changes once committed
 * ({@link #flushBuffer()} or {@link #sendError}) and refuses {@link #reset()} then. The same object
 * for every filter.
 */
final class LeanResponse implements HttpServletResponse {
  private static final int MAX_HEADERS = 32;

  private final String[] names = new String[MAX_HEADERS];
  private final String[] values = new String[MAX_HEADERS];
  private int headers;
  private int status = 200;
  private String contentType;
  private String characterEncoding;
  private boolean committed;
  private long written;
  private final Body body = new Body();
  private final PrintWriter writer =
      new PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8), false);

  /** Back to a fresh response; allocates nothing. */
  void clear() {
    for (int i = 0; i < headers; i++) {
      names[i] = null;
      values[i] = null;
    }
    headers = 0;
    status = 200;
    contentType = null;
    characterEncoding = null;
    committed = false;
    written = 0;
  }

  /** The values of {@code name} joined with {@code ", "}, or null. */
  String joined(String name) {
    String out = null;
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        out = out == null ? values[i] : out + ", " + values[i];
      }
    }
    return out;
  }

  /** How many lines carry {@code name}. */
  int count(String name) {
    int n = 0;
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        n++;
      }
    }
    return n;
  }

  /** Bytes written to the body. */
  long written() {
    return written;
  }

  @Override
  public void setHeader(String name, String value) {
    if (committed) {
      return;
    }
    int at = -1;
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        if (at < 0) {
          at = i;
        } else {
          remove(i--);
        }
      }
    }
    if (value == null) {
      if (at >= 0) {
        remove(at);
      }
    } else if (at >= 0) {
      values[at] = value;
    } else {
      append(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!committed && value != null) {
      append(name, value);
    }
  }

  private void append(String name, String value) {
    if (headers == MAX_HEADERS) {
      throw new IllegalStateException("more than " + MAX_HEADERS + " response headers");
    }
    names[headers] = name;
    values[headers++] = value;
  }

  private void remove(int i) {
    headers--;
    System.arraycopy(names, i + 1, names, i, headers - i);
    System.arraycopy(values, i + 1, values, i, headers - i);
    names[headers] = null;
    values[headers] = null;
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, Long.toString(date));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, Long.toString(date));
  }

  @Override
  public boolean containsHeader(String name) {
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String getHeader(String name) {
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public Collection<String> getHeaders(String name) {
    int n = count(name);
    if (n == 0) {
      return List.of();
    }
    if (n == 1) {
      return Collections.singletonList(getHeader(name));
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        out.add(values[i]);
      }
    }
    return out;
  }

  @Override
  public Collection<String> getHeaderNames() {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < headers; i++) {
      out.add(names[i]);
    }
    return out;
  }

  @Override
  public void setStatus(int sc) {
    if (!committed) {
      status = sc;
    }
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int sc) {
    sendError(sc, null);
  }

  @Override
  public void sendError(int sc, String msg) {
    if (committed) {
      throw new IllegalStateException("committed");
    }
    status = sc;
    committed = true;
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public void flushBuffer() {
    committed = true;
  }

  @Override
  public void reset() {
    if (committed) {
      throw new IllegalStateException("committed");
    }
    for (int i = 0; i < headers; i++) {
      names[i] = null;
      values[i] = null;
    }
    headers = 0;
    status = 200;
    contentType = null;
    written = 0;
  }

  @Override
  public void resetBuffer() {
    if (committed) {
      throw new IllegalStateException("committed");
    }
    written = 0;
  }

  @Override
  public ServletOutputStream getOutputStream() {
    return body;
  }

  @Override
  public PrintWriter getWriter() {
    return writer;
  }

  @Override
  public void setContentType(String type) {
    if (!committed) {
      contentType = type;
    }
  }

  @Override
  public String getContentType() {
    return contentType;
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (!committed) {
      characterEncoding = charset;
    }
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding == null ? "ISO-8859-1" : characterEncoding;
  }

  @Override
  public void setContentLength(int len) {}

  @Override
  public void setContentLengthLong(long len) {}

  @Override
  public int getBufferSize() {
    return 8192;
  }

  @Override
  public void setBufferSize(int size) {}

  @Override
  public void setLocale(Locale loc) {}

  @Override
  public Locale getLocale() {
    return Locale.ROOT;
  }

  /** Counts the body's bytes and keeps none. */
  private final class Body extends ServletOutputStream {
    @Override
    public void write(int b) {
      written++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      written += len;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("setWriteListener");
    }
  }

  // Not used by CORS filters.
  @Override
  public java.lang.String encodeRedirectURL(java.lang.String p0) {
    throw new UnsupportedOperationException("encodeRedirectURL");
  }

  @Override
  public java.lang.String encodeURL(java.lang.String p0) {
    throw new UnsupportedOperationException("encodeURL");
  }

  @Override
  public void addCookie(jakarta.servlet.http.Cookie p0) {
    throw new UnsupportedOperationException("addCookie");
  }

  @Override
  public void sendRedirect(java.lang.String p0, int p1, boolean p2) throws java.io.IOException {
    throw new UnsupportedOperationException("sendRedirect");
  }
}
