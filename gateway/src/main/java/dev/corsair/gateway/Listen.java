package dev.corsair.gateway;

/** A {@code [HOST:]PORT} listening address, as given to {@code --listen}. */
record Listen(String host, int port) {

  /**
   * @throws IllegalArgumentException with a message saying what to write instead
   */
  static Listen parse(String option, String value, String defaultHost) {
    String host = defaultHost;
    String port = value;
    int colon = value.lastIndexOf(':');
    if (colon >= 0) {
      host = value.substring(0, colon);
      port = value.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = defaultHost;
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(
          option
              + " "
              + value
              + ": not a [HOST:]PORT; write e.g. 8080 or 127.0.0.1:8080 (port 0..65535)");
    }
    return new Listen(host, p);
  }

  String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
