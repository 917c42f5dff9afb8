// Lighthouse's best-practices audits over the release build, served under a sub-path as a static host would.
//
// Lighthouse 12 dropped its PWA category; Chromium's own install criteria are checked in pwa.test.mjs through
// `Page.getInstallabilityErrors`. This test runs the best-practices category (console errors, deprecated APIs,
// browser issues, doctype, charset, image sizes, source maps, paste-blocking inputs and the rest) and requires
// every scored audit in it to pass. Lighthouse drives the system Chromium through chrome-launcher and never
// downloads a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

test('Lighthouse best-practices audits all pass', { timeout: 180_000 }, async () => {
  const server = await serveDist(distDir(), { prefix: '/bastion/', gzip: true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(server.url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['best-practices'],
    });
    const category = result.lhr.categories['best-practices'];
    const failing = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => result.lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id}: ${audit.title} ${JSON.stringify(audit.details?.items ?? [])}`);
    console.log(`Lighthouse best-practices score: ${Math.round(category.score * 100)}`);
    assert.deepEqual(failing, [], 'every scored best-practices audit passes');
    assert.equal(category.score, 1);
  } finally {
    await chrome.kill();
    await server.close();
  }
});
