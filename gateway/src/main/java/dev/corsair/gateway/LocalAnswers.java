package dev.corsair.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The responses the gateway makes itself instead of the upstream: plain-text status answers (400,
 * 403, 404, 405, 408, 502, 504 ...), preflight answers and static files. Building them is all this
 * class does; the exchange adds the CORS and connection headers and writes them.
 */
final class LocalAnswers {
  /**
   * Headers of responses made here: constant names, and values from the validated policy or an
   * origin the engine already checked, so Netty's per-header validation is skipped.
   */
  private static final HttpHeadersFactory LOCAL_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private LocalAnswers() {}

  /** A {@code code} response with a {@code text/plain} body (none when {@code body} is empty). */
  static FullHttpResponse text(int code, String body) {
    ByteBuf content =
        body.isEmpty()
            ? Unpooled.EMPTY_BUFFER
            : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(code),
            content,
            LOCAL_HEADERS,
            LOCAL_HEADERS);
    if (!body.isEmpty()) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return r;
  }

  /** Empty headers for a response made here. */
  static HttpHeaders newHeaders() {
    return LOCAL_HEADERS.newHeaders();
  }

  /** A {@code code} response with {@code body} and {@code headers} (Content-Length added). */
  static FullHttpResponse of(int code, byte[] body, HttpHeaders headers) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(code),
            body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
            headers,
            LOCAL_HEADERS.newEmptyHeaders());
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return r;
  }

  /** A 405 for a static file asked for with another method than GET or HEAD. */
  static FullHttpResponse fileMethodNotAllowed() {
    FullHttpResponse r = text(405, "Method Not Allowed\n");
    r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
    return r;
  }

  /**
   * A 200 with a file's content (headers only for HEAD), or null when it cannot be read.
   *
   * @param head whether the request was HEAD
   */
  static FullHttpResponse file(Path file, boolean head) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, StaticFiles.contentType(file))
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return r;
  }
}
