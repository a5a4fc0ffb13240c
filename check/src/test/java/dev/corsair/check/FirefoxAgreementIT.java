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

  @Override
  PageBrowser start(String url) throws Exception {
    return PageBrowser.firefox(url);
  }
}
