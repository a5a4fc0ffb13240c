package dev.corsair.check;

/** The agreement suite in WebKitGTK's MiniBrowser under Xvfb (Safari's engine). */
class WebKitAgreementIT extends PageAgreement {
  @Override
  Engine engine() {
    return Engine.SAFARI;
  }

  @Override
  boolean available() {
    return PageBrowser.webkitAvailable();
  }

  @Override
  PageBrowser start(String url) throws Exception {
    return PageBrowser.webkit(url);
  }
}
