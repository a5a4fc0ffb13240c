package dev.corsair.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Names a transport failure the way Chromium's console does ({@code net::ERR_...}). */
final class NetErrors {
  private NetErrors() {}

  static String describe(IOException e) {
    Throwable t = e;
    while (t != null) {
      if (t instanceof UnknownHostException) {
        return "net::ERR_NAME_NOT_RESOLVED";
      }
      if (t instanceof SocketTimeoutException) {
        return "net::ERR_TIMED_OUT";
      }
      if (t instanceof SSLException) {
        return "net::ERR_SSL_PROTOCOL_ERROR (" + t.getMessage() + ")";
      }
      if (t instanceof ConnectException) {
        return "net::ERR_CONNECTION_REFUSED";
      }
      t = t.getCause();
    }
    String m = e.getMessage();
    return "net::ERR_FAILED (" + (m == null ? e.getClass().getSimpleName() : m) + ")";
  }
}
