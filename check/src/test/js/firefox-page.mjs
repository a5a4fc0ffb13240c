// Opens one URL in Debian's firefox-esr (headless, WebDriver BiDi, fresh profile) and prints every
// console entry of the page on stdout as "CONSOLE <text>", CORS errors included (BiDi
// log.entryAdded entries of type "javascript", which puppeteer reports as page errors).
// Usage: node firefox-page.mjs URL   (stops when stdin closes)
import puppeteer from 'puppeteer-core';

const url = process.argv[2];
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: process.env.CORSAIR_FIREFOX || '/usr/bin/firefox-esr',
  headless: true,
  protocol: 'webDriverBiDi',
});
const line = (text) => process.stdout.write('CONSOLE ' + String(text).replace(/\n/g, ' ') + '\n');
const page = await browser.newPage();
page.on('console', (m) => line(m.text()));
page.on('pageerror', (e) => line(e.message));
await page.goto(url);
process.stdout.write('READY\n');
const stop = async () => {
  try {
    await browser.close();
  } finally {
    process.exit(0);
  }
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
