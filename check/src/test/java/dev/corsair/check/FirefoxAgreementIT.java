package dev.corsair.check;

/** The agreement suite in Debian's firefox-esr (puppeteer-core over WebDriver BiDi). */
class FirefoxAgreementIT extends PageAgreement {
  @Override
  Engine engine() {
    return Engine.FIREFOX;
  }

  @Override
  boolean available() {
    return PageBrowser.firefoxAvailable();
  }

  /** All but the reasons a page's fetch() cannot cause (and two merged lines, see check.md). */
  @Override
  java.util.Set<String> reachable() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (FirefoxMessage m : FirefoxMessage.values()) {
      keys.add(m.key);
    }
    keys.removeAll(
        java.util.List.of(
            FirefoxMessage.CORS_DISABLED.key,
            FirefoxMessage.CORS_REQUEST_NOT_HTTP.key,
            FirefoxMessage.CORS_ORIGIN_HEADER_NOT_ADDED.key,
            FirefoxMessage.CORS_MULTIPLE_ALLOW_ORIGIN_NOT_ALLOWED.key));
    return keys;
  }

  @Override
  PageBrowser start(String url) throws Exception {
    return PageBrowser.firefox(url);
  }
}
