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

  /** All but the newer wording of a redirected preflight (WebKitGTK 2.50 reports its status). */
  @Override
  java.util.Set<String> reachable() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (WebKitMessage m : WebKitMessage.values()) {
      names.add(m.name());
    }
    names.remove(WebKitMessage.PREFLIGHT_REDIRECTED.name());
    return names;
  }

  @Override
  PageBrowser start(String url) throws Exception {
    return PageBrowser.webkit(url);
  }
}
