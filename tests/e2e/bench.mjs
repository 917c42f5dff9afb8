// Browser load benchmark: cold loads of the release build from a local static server under a
// sub-path, measuring the time from navigation start until the terminal input is usable and the
// number of bytes sent (gzip, as a static host with compression would send them).
//
// Run it with `cargo xtask bench`, which builds dist/ first. RUNS overrides the number of loads.

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const runs = Number(process.env.RUNS ?? 7);

// Records, in the page's own clock, when the terminal input first exists and is enabled.
const probe = () => {
  const ready = () => {
    const input = document.querySelector('input[aria-label="Terminal input"]');
    if (input && !input.disabled && window.__bastionReady === undefined) {
      window.__bastionReady = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => {
    if (ready()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

const server = await serveDist(distDir(), { prefix: '/bastion/', gzip: true });
const browser = await launch();
const times = [];
let transfer = 0;
let requests = 0;
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.addInitScript(probe);
    server.stats.reset();
    await page.goto(server.url);
    await page.getByRole('textbox', { name: 'Terminal input' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => window.__bastionReady !== undefined);
    times.push(await page.evaluate(() => window.__bastionReady));
    transfer = server.stats.bytes;
    requests = server.stats.requests.length;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`cold load to usable terminal input (${runs} runs): median ${ms(median)}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`);
console.log(`transfer per cold load: ${(transfer / 1024).toFixed(1)} KiB gzip in ${requests} requests`);
