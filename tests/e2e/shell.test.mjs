// End-to-end test of the app shell: the release build loads in Chromium from a sub-path and from
// the server root, shows the product name and an empty terminal, renders Korean, and logs no errors.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, 'screenshots');

let browser;
before(async () => {
  browser = await launch();
  await mkdir(screenshots, { recursive: true });
});
after(async () => {
  await browser?.close();
});

test('index.html refers to its assets with relative URLs only', async () => {
  const html = await readFile(join(distDir(), 'index.html'), 'utf8');
  const absolute = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?(\/[^"'\s>]*)/g)].map((m) => m[1]);
  assert.deepEqual(absolute, [], 'absolute asset URLs break sub-path hosting');
  assert.match(html, /\.wasm/, 'index.html should load the app wasm');
});

for (const prefix of ['/bastion/', '/']) {
  describe(`app shell served from ${prefix}`, () => {
    let server;
    before(async () => {
      server = await serveDist(distDir(), { prefix });
    });
    after(async () => {
      await server?.close();
    });

    test('shows the product name and an empty, usable terminal without console errors', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
      const errors = collectErrors(page);
      await page.goto(server.url, { waitUntil: 'load' });

      const input = page.getByRole('textbox', { name: 'Terminal input' });
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.title(), 'Bastion');
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Bastion' }).textContent(), 'Bastion');

      const log = page.getByRole('log');
      assert.equal(await log.count(), 1, 'exactly one role="log" output region');
      assert.equal(await log.textContent(), '', 'the terminal starts empty');

      await input.focus();
      await page.keyboard.type('oc whoami');
      assert.equal(await input.inputValue(), 'oc whoami');

      const name = prefix === '/' ? 'shell-root' : 'shell';
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
      // Give late errors (failed favicon, async panics) a moment to surface.
      await page.waitForTimeout(200);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

test('Korean text renders with a CJK font, not tofu', async () => {
  const server = await serveDist(distDir());
  try {
    // The Korean UI (navigator.language ko-KR) shows the Korean tagline.
    const page = await browser.newPage({ locale: 'ko-KR' });
    await page.goto(server.url);
    await page.getByRole('textbox', { name: 'Terminal input' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.tagline[lang="ko"]' });
    assert.ok(nodeId, 'the Korean tagline is in the page');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const cjk = fonts.filter((f) => /CJK|Korean|KR/i.test(f.familyName) && f.glyphCount > 0);
    assert.ok(cjk.length > 0, `Korean glyphs came from ${JSON.stringify(fonts)}`);
    await page.close();
  } finally {
    await server.close();
  }
});
