package dev.corsair;

import java.util.Set;

/**
 * A built-in, deliberately small list of public suffixes: domains under which anyone can register
 * or publish. A subdomain pattern over one of them ({@code https://*.github.io}) trusts strangers.
 *
 * <p>Limits: every single-label suffix ({@code com}, {@code dev}, {@code io}) is caught; of the
 * multi-label ones only the common registry suffixes and hosting platforms below are known. The
 * full Public Suffix List has about 10,000 entries; for anything it lists and this does not, the
 * policy will not stop you.
 */
final class PublicSuffixes {
  private PublicSuffixes() {}

  private static final Set<String> MULTI_LABEL =
      Set.of(
          // country-code second levels
          "co.uk",
          "org.uk",
          "ac.uk",
          "gov.uk",
          "me.uk",
          "ltd.uk",
          "plc.uk",
          "net.uk",
          "com.au",
          "net.au",
          "org.au",
          "edu.au",
          "gov.au",
          "co.nz",
          "org.nz",
          "net.nz",
          "co.jp",
          "ne.jp",
          "or.jp",
          "ac.jp",
          "go.jp",
          "co.kr",
          "or.kr",
          "co.in",
          "net.in",
          "org.in",
          "com.br",
          "net.br",
          "org.br",
          "com.cn",
          "net.cn",
          "org.cn",
          "com.mx",
          "com.ar",
          "com.tr",
          "com.tw",
          "com.hk",
          "com.sg",
          "com.my",
          "co.za",
          "co.il",
          "com.ua",
          "com.pl",
          "co.id",
          "or.id",
          "com.vn",
          "com.ph",
          "com.pk",
          "com.eg",
          "com.sa",
          "com.ng",
          "co.th",
          "in.th",
          // hosting platforms where anyone can publish a page
          "github.io",
          "gitlab.io",
          "herokuapp.com",
          "vercel.app",
          "netlify.app",
          "netlify.com",
          "pages.dev",
          "workers.dev",
          "web.app",
          "firebaseapp.com",
          "appspot.com",
          "azurewebsites.net",
          "cloudfront.net",
          "s3.amazonaws.com",
          "amazonaws.com",
          "blogspot.com",
          "glitch.me",
          "repl.co",
          "replit.dev",
          "onrender.com",
          "fly.dev",
          "surge.sh",
          "ngrok.io",
          "ngrok-free.app",
          "ngrok.app",
          "trycloudflare.com",
          "codesandbox.io",
          "csb.app",
          "stackblitz.io",
          "webcontainer.io",
          "codepen.io",
          "jsfiddle.net",
          "bitbucket.io",
          "translate.goog",
          "azurestaticapps.net",
          "cloudflareaccess.com",
          "railway.app",
          "up.railway.app",
          "deno.dev",
          "deta.app",
          "pythonanywhere.com",
          "000webhostapp.com",
          "wixsite.com",
          "myshopify.com",
          "wordpress.com",
          "tumblr.com",
          "neocities.org",
          "r2.dev");

  /** Whether a subdomain pattern over {@code domain} would trust a public suffix. */
  static boolean isPublicSuffix(String domain) {
    if (domain.indexOf('.') < 0) {
      return !domain.equals("localhost");
    }
    return MULTI_LABEL.contains(domain);
  }
}
