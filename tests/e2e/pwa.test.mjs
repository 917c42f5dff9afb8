// End-to-end tests of the offline app: the build is served under /bastion/ by a plain static server; the Workbox
// service worker precaches every file of dist/, so after the first visit the app reloads and works with the network
// off (the terminal, explain and another scenario from the data files, lessons with their images, a lesson's lab
// link); a second deployment shows the update banner, and reloading into it keeps the saved session; Chromium finds
// the app installable; and the dev server's placeholder worker replaces a release worker and never serves a stale
// file.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS, collectErrors, launch } from './browser.mjs';
import { MIME, distDir } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, 'screenshots');
const PREFIX = '/bastion/';
const BANNER_EN = 'A new version is ready — reload';

let browser;
let scratch;
before(async () => {
  const sw = await readFile(join(distDir(), 'sw.js'), 'utf8').catch(() => '');
  assert.match(sw, /precache/, 'dist/sw.js is not the Workbox worker: build dist with `cargo xtask dist`');
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), 'bastion-pwa-'));
  await mkdir(screenshots, { recursive: true });
});
after(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * A static server like a plain static host (no rewrites, `no-cache` so every request reaches it), whose folder can be
 * swapped to stand for a new deployment. Resolves to { url, requests, setRoot, close }.
 */
async function serveSwitchable(root) {
  let base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(body);
    };
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(PREFIX)) return send(404, 'not found');
    let rel = path.slice(PREFIX.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep)) return send(403, 'forbidden');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return send(404, 'not found');
    send(200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}${PREFIX}`,
    requests,
    setRoot: (dir) => {
      base = resolve(dir);
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(ok);
      }),
  };
}

/** Every file under `dir` as a relative path with `/` separators. */
async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/** Waits until the terminal input is enabled with its prompt. */
async function waitUsable(page) {
  await page.waitForFunction(
    () => {
      const input = document.querySelector('input[aria-label="Terminal input"]');
      const prompt = input?.parentElement?.querySelector('.prompt')?.textContent ?? '';
      return input && !input.disabled && prompt.length > 0;
    },
    null,
    { timeout: 60_000 },
  );
}

/** Waits until a service worker controls the page (and so has finished precaching). */
async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, {
    timeout: 120_000,
  });
}

/** Calls `check` every 250 ms until it resolves truthy; fails with `what` after `timeout` ms. */
async function poll(check, what, timeout = 60_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

/** Types a command into the terminal, presses Enter and waits until `expect` shows in the log. */
async function run(page, command, expect) {
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill(command);
  await input.press('Enter');
  await page.getByRole('log').getByText(expect).first().waitFor({ timeout: 30_000 });
}

/** The app's URLs (relative to its folder) held in the page's caches, without Workbox's revision parameter. */
function cachedPaths(page, appUrl) {
  return page.evaluate(async (app) => {
    const paths = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const url = new URL(req.url);
        url.searchParams.delete('__WB_REVISION__');
        if (url.href.startsWith(app)) paths.push(url.href.slice(app.length).replace(/\?$/, ''));
      }
    }
    return paths.sort();
  }, appUrl);
}

/** A copy of dist standing for a new deployment: index.html changes, and sw.js carries its new revision. */
async function secondDeployment(dir, { worker } = {}) {
  await cp(distDir(), dir, { recursive: true });
  const indexPath = join(dir, 'index.html');
  const index = (await readFile(indexPath, 'utf8')).replace('<head>', '<head><meta name="bastion-build" content="second">');
  await writeFile(indexPath, index);
  if (worker !== undefined) {
    await writeFile(join(dir, 'sw.js'), worker);
    return;
  }
  // What Workbox writes for the changed file: its MD5 as the revision of index.html in the precache manifest.
  const revision = createHash('md5').update(index).digest('hex');
  const swPath = join(dir, 'sw.js');
  const sw = await readFile(swPath, 'utf8');
  const updated = sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, `$1${revision}"`);
  assert.notEqual(updated, sw, 'the precache manifest in sw.js lists index.html with a revision');
  await writeFile(swPath, updated);
}

const isSecondBuild = (page) => page.evaluate(() => document.querySelector('meta[name="bastion-build"]') !== null);

test('the manifest is complete and Chromium finds the app installable', async () => {
  const server = await serveSwitchable(distDir());
  // Chromium never offers to install from an incognito profile, which every new browser context is; use a profile.
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'en-US',
    colorScheme: 'dark',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = collectErrors(page);
    await page.goto(server.url);
    await waitUsable(page);
    await waitControlled(page);

    const cdp = await context.newCDPSession(page);
    const { url, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    assert.equal(url, `${server.url}manifest.webmanifest`);
    assert.deepEqual(manifestErrors, [], 'the manifest parses without errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium install criteria');

    const manifest = JSON.parse(await readFile(join(distDir(), 'manifest.webmanifest'), 'utf8'));
    assert.equal(manifest.display, 'standalone');
    for (const key of ['start_url', 'scope', 'id']) assert.equal(manifest[key], './', `${key} is relative`);
    assert.match(manifest.description, /[가-힣]/, 'the description has Korean');
    assert.match(manifest.description, /[A-Za-z]{4} [a-z]+/, 'the description has English');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
    assert.equal(manifest.theme_color, bg, 'theme colour is the dark theme background');
    assert.equal(manifest.background_color, bg);

    // Each icon loads at its declared size; one is maskable.
    for (const icon of manifest.icons) {
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, icon.src);
      assert.equal(size, icon.sizes, icon.src);
    }
    const purposes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
    for (const wanted of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(purposes.includes(wanted), wanted);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('after the first visit the app reloads and works offline: terminal, explain, scenarios, lessons, images, lab link', async () => {
  const server = await serveSwitchable(distDir());
  const context = await browser.newContext({ locale: 'en-US', colorScheme: 'dark', viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url);
    await waitUsable(page);
    await waitControlled(page);

    // Every file of the build is in the precache (the worker itself and source maps excepted).
    const built = (await files(distDir())).filter((f) => f !== 'sw.js' && !f.endsWith('.map'));
    const cached = await cachedPaths(page, server.url);
    assert.deepEqual(cached, built);
    const bytes = (await Promise.all(built.map((f) => stat(join(distDir(), f))))).reduce((n, s) => n + s.size, 0);
    console.log(`precache: ${built.length} files, ${(bytes / 1048576).toFixed(2)} MiB`);

    await context.setOffline(true);
    const before = server.requests.length;
    await page.reload();
    await waitUsable(page);

    await run(page, 'oc get nodes', /^master01\s+Ready/m);
    const table = await page.getByRole('log').innerText();
    for (const node of ['master01', 'master02', 'master03', 'worker01', 'worker02', 'worker03']) {
      assert.match(table, new RegExp(`^${node}\\b`, 'm'));
    }

    // The engine's data files that the first screen does without come from the cache too: explain's schemas, fetched
    // when the command needs them, and another scenario's boot snapshot, fetched when the learner switches to it.
    await run(page, 'oc explain pod.spec.restartPolicy', /^FIELD: +restartPolicy/m);
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('.app-header select').first().selectOption('eks');
    await waitUsable(page);
    await run(page, 'kubectl get nodes', /^ip-10-0-1-23\.ap-northeast-2\.compute\.internal\s+Ready/m);
    // The EKS scenario's shell is ec2-user on the Amazon Linux 2 bastion in the cluster's VPC.
    assert.equal(await page.locator('.term-input-line .prompt').textContent(), '[ec2-user@ip-10-0-0-10 ~]$ ');

    // A lesson with a diagram: the text renders and the image comes from the cache.
    await page.evaluate(() => {
      location.hash = '#/en/week-1-aws-vpc';
    });
    const article = page.locator('.lesson-article');
    await article.getByRole('heading', { level: 1 }).filter({ hasText: 'Week 1 assignment' }).waitFor();
    const image = article.locator('img[src$="vpc-two-az.svg"]');
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());

    // The lesson's lab link opens its lab offline too.
    await page.locator('.lesson-pane .lesson-lab-link').first().click();
    await page.locator('.lab-player[data-lab="week1-vpc"]').waitFor();
    await waitUsable(page);
    await page.screenshot({ path: join(screenshots, 'pwa-offline.png') });

    assert.deepEqual(server.requests.slice(before), [], 'no request reached the server while offline');
    const unexpected = errors.filter((e) => !e.includes('sw.js'));
    assert.deepEqual(unexpected, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new deployment shows the update banner; reloading into it keeps the session', async () => {
  const second = join(scratch, 'second');
  await secondDeployment(second);
  const server = await serveSwitchable(distDir());
  const context = await browser.newContext({ locale: 'en-US', colorScheme: 'dark', viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url);
    await waitUsable(page);
    await waitControlled(page);
    await run(page, 'oc get nodes', /^master01\s+Ready/m);
    await run(page, 'echo kept across the update', /^kept across the update$/m);
    const banner = page.getByRole('button', { name: BANNER_EN });
    assert.equal(await banner.count(), 0, 'no banner while the deployment is current');

    // Deploy the second build; the navigation makes the browser check sw.js, and the new worker installs and waits.
    server.setRoot(second);
    await page.reload();
    await waitUsable(page);
    await banner.waitFor({ timeout: 120_000 });
    assert.equal(await isSecondBuild(page), false, 'the running version stays until the learner reloads');
    assert.equal(await page.getByRole('status').filter({ hasText: BANNER_EN }).count(), 1);
    await page.screenshot({ path: join(screenshots, 'pwa-update-banner.png') });

    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), banner.click()]);
    await waitUsable(page);
    assert.equal(await isSecondBuild(page), true, 'the reload brought the new version');
    assert.equal(await banner.count(), 0, 'the banner is gone after the update');
    const log = await page.getByRole('log').innerText();
    assert.match(log, /^master01\b/m, 'the scrollback survives the update');
    assert.match(log, /^kept across the update$/m);
    const input = page.getByRole('textbox', { name: 'Terminal input' });
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'echo kept across the update', 'the history survives the update');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'oc get nodes');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the Korean UI shows the banner in Korean', async () => {
  const second = join(scratch, 'second-ko');
  await secondDeployment(second);
  const server = await serveSwitchable(distDir());
  const context = await browser.newContext({ locale: 'ko-KR', colorScheme: 'dark' });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitUsable(page);
    await waitControlled(page);
    server.setRoot(second);
    // An open app also finds a deployment without a navigation (the periodic check calls registration.update()).
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.getByRole('button', { name: '새 버전이 준비되었습니다 — 새로 고침' }).waitFor({ timeout: 120_000 });
  } finally {
    await context.close();
    await server.close();
  }
});

test("the dev server's placeholder worker replaces a release worker and serves nothing stale", async () => {
  const dev = join(scratch, 'dev');
  const placeholder = await readFile(join(here, '..', '..', 'static', 'sw.js'), 'utf8');
  await secondDeployment(dev, { worker: placeholder });
  const server = await serveSwitchable(distDir());
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitUsable(page);
    await waitControlled(page);
    assert.ok((await cachedPaths(page, server.url)).length > 0, 'the release worker precached the build');

    server.setRoot(dev);
    await page.reload();
    await waitUsable(page);
    // The placeholder activates by itself, takes the page over and deletes the release caches.
    await poll(
      () => page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.keys()).length === 0),
      'the placeholder worker controls the page and the release caches are gone',
    );
    const before = server.requests.length;
    await page.reload();
    await waitUsable(page);
    assert.equal(await isSecondBuild(page), true, 'the page comes from the server, not a stale cache');
    assert.ok(server.requests.slice(before).some((u) => u.endsWith(PREFIX)), 'the navigation reached the server');
    assert.equal(await page.getByRole('button', { name: BANNER_EN }).count(), 0, 'no banner for the placeholder');
  } finally {
    await context.close();
    await server.close();
  }
});
