// Launches the system Chromium for the browser tests; playwright-core never downloads a browser.

import { chromium } from 'playwright-core';

/** The Chromium binary: $BASTION_CHROMIUM or Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.BASTION_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet, offline apart from the page under test, and working as root in CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Records everything on `page` that counts as a console error: console.error messages,
 * uncaught exceptions, failed requests and HTTP error responses.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A reload or navigation cancels the requests still in flight (the favicon, say) with ERR_ABORTED; that is the
    // browser's doing, not a failure of the app or the server.
    const reason = req.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${req.url()} ${reason}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return errors;
}
