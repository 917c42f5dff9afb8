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

/**
 * Opens the app at `url` in a fresh context of `browser` (1280×720) and waits until the terminal is usable (enabled,
 * with its prompt). Resolves to { context, page, errors }.
 */
export async function openApp(browser, url, { locale = 'en-US', colorScheme = 'dark' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const input = document.querySelector('input[aria-label="Terminal input"]');
      return input && !input.disabled && (input.parentElement?.querySelector('.prompt')?.textContent ?? '').length > 0;
    },
    null,
    { timeout: 60_000 },
  );
  return { context, page, errors };
}

/** The terminal's rendered rows joined without separators (a wrapped line's segments join back into the line); run in the page. */
export const joinedTerminal = () =>
  [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent).join('');

/**
 * Types `command` into the terminal (switching to its tab) and waits until `expect` (default: its echo) appears once
 * more than before; `clear` waits for an empty terminal instead.
 */
export async function runInTerminal(page, command, { expect = command, timeout = 30_000 } = {}) {
  await page.click('#tab-terminal');
  const count = (text, s) => text.split(s).length - 1;
  const before = count(await page.evaluate(joinedTerminal), expect);
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill(command);
  await input.press('Enter');
  if (command === 'clear') {
    await page.waitForFunction(() => document.querySelectorAll('[role=log] .term-line').length === 0, null, { timeout });
    return;
  }
  await page.waitForFunction(
    ([s, n]) => {
      const text = [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent).join('');
      return text.split(s).length - 1 > n;
    },
    [expect, before],
    { timeout },
  );
}
