// End-to-end tests of the Cluster tab as a learner uses it: `oc new-app nginx` in the terminal makes the pod
// appear in the node boxes, `oc scale` to 5 shows on the replica chart with ready catching up, the charts follow
// the theme, and axe-core finds no accessibility violations on any tab. Screenshots of the Cluster tab at
// 1280×720 in both languages and both themes land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serveDist(distDir());
  await mkdir(screenshots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app in a fresh context and waits until the terminal is usable. */
async function open({ locale = 'en-US', colorScheme = 'dark', reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, reducedMotion, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url);
  await page.waitForFunction(
    () => {
      const input = document.querySelector('input[aria-label="Terminal input"]');
      return input && !input.disabled;
    },
    null,
    { timeout: 60_000 },
  );
  return { context, page, errors };
}

/** Types a command into the terminal and presses Enter; waits for the echoed line. */
async function run(page, command) {
  await page.locator('#tab-terminal').click();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill(command);
  await input.press('Enter');
  await page.waitForFunction(
    (cmd) => [...document.querySelectorAll('[role=log] .term-line')].some((l) => l.textContent.endsWith(cmd)),
    command,
  );
}

/** The accessible name of the first chart (its caption and latest values). */
const replicaChart = (page) => page.locator('.cluster-charts canvas').first().getAttribute('aria-label');

/** How many pixels of a canvas differ from its top-left pixel (the background). */
function inkedPixels(page, selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked++;
    }
    return { inked, background: [data[0], data[1], data[2]] };
  }, selector);
}

test('oc new-app shows the pod in the Cluster view, and a scale to 5 shows on the replica chart', async () => {
  const { context, page, errors } = await open();
  await run(page, 'oc new-project demo');
  await run(page, 'oc new-app nginx');
  await page.getByRole('log').getByText('--> Success').waitFor();
  await run(page, 'sleep 30');

  await page.locator('#tab-cluster').click();
  const chips = page.locator('.cluster-view .pod-chip', { hasText: /^nginx-/ });
  await chips.first().waitFor();
  assert.equal(await chips.count(), 1, 'one nginx pod after oc new-app');
  assert.match(await chips.first().getAttribute('class'), /running/);
  assert.match(await replicaChart(page), /demo\/nginx: desired \(spec\) 1, ready 1, up-to-date 1$/);

  await run(page, 'oc scale deployment/nginx --replicas=5');
  await page.locator('#tab-cluster').click();
  const afterScale = await replicaChart(page);
  assert.match(afterScale, /desired \(spec\) 5, ready [1-4],/, 'desired moves first, ready follows');
  await run(page, 'sleep 60');
  await page.locator('#tab-cluster').click();
  assert.match(await replicaChart(page), /desired \(spec\) 5, ready 5, up-to-date 5$/);
  await page.waitForFunction(() => document.querySelectorAll('.cluster-view .pod-chip.running').length > 0);
  assert.equal(await chips.count(), 5, 'five nginx pods in the node boxes');

  const dark = await inkedPixels(page, '.cluster-charts canvas');
  assert.ok(dark.inked > 2000, `the replica chart is drawn (${dark.inked} pixels inked)`);
  await page.screenshot({ path: join(screenshots, 'cluster-en-dark.png') });

  // The theme toggle redraws the chart on a light background.
  await page.locator('button.theme-toggle, button[aria-label*="theme" i]').first().click();
  await page.waitForFunction(
    (before) => {
      const c = document.querySelector('.cluster-charts canvas');
      const [r] = c.getContext('2d').getImageData(0, 0, 1, 1).data;
      return r !== before;
    },
    dark.background[0],
  );
  const light = await inkedPixels(page, '.cluster-charts canvas');
  assert.ok(light.background[0] > 200, `light background after the toggle: ${light.background}`);
  await page.screenshot({ path: join(screenshots, 'cluster-en-light.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('Break image makes the new pod fail to pull; Undo rollout heals it', async () => {
  const { context, page, errors } = await open();
  await run(page, 'oc new-project demo');
  await run(page, 'oc new-app nginx');
  await run(page, 'sleep 30');
  await page.locator('#tab-cluster').click();
  await page.getByRole('button', { name: 'Break image' }).click();
  await page.locator('#tab-terminal').click(); // The scrollback renders only while shown.
  await page.getByRole('log').getByText('deployment.apps/nginx image updated').waitFor();
  await run(page, 'sleep 40');
  await page.locator('#tab-cluster').click();
  const failed = page.locator('.cluster-view .pod-chip.failed', { hasText: /^nginx-/ });
  await failed.first().waitFor();
  assert.match(await failed.first().getAttribute('title'), / — ImagePullBackOff$/);
  assert.equal(await page.locator('.cluster-view .pod-chip.running', { hasText: /^nginx-/ }).count(), 1, 'the old pod keeps serving');

  await page.getByRole('button', { name: 'Undo rollout' }).click();
  await page.locator('#tab-terminal').click(); // The scrollback renders only while shown.
  await page.getByRole('log').getByText('deployment.apps/nginx rolled back').waitFor();
  await run(page, 'sleep 30');
  await page.locator('#tab-cluster').click();
  await page.waitForFunction(
    () => ![...document.querySelectorAll('.cluster-view .pod-chip.failed')].some((c) => c.textContent.startsWith('nginx-')),
  );
  assert.equal(await page.locator('.cluster-view .pod-chip.running', { hasText: /^nginx-/ }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('load set in the Cluster view drives the HPA, and its chart shows load and replicas', async () => {
  const { context, page, errors } = await open();
  await run(page, 'oc new-project demo');
  await run(page, 'oc new-app nginx');
  await run(page, 'oc set resources deployment/nginx --requests=cpu=200m');
  await run(page, 'oc autoscale deployment/nginx --cpu-percent=50 --min=1 --max=10');
  await run(page, 'sleep 30');
  await page.locator('#tab-cluster').click();
  await page.getByLabel('Deployment', { exact: true }).first().selectOption('demo/nginx');
  await page.getByLabel("Load (% of one pod's request)").fill('250');
  await page.getByRole('button', { name: 'Set load' }).click();
  await run(page, 'sleep 90');
  await page.locator('#tab-cluster').click();
  const hpa = page.locator('.cluster-charts canvas[aria-label^="HPA: load vs replicas — demo/nginx"]');
  await hpa.waitFor();
  assert.match(await hpa.getAttribute('aria-label'), /load % 250, .*target % 50, replicas 5$/);
  await run(page, 'oc get hpa nginx');
  assert.match(await page.getByRole('log').innerText(), /nginx\s+Deployment\/nginx\s+50%\/50%\s+1\s+10\s+5\s/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the Cluster tab in Korean, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await open({ locale: 'ko-KR', colorScheme });
    await run(page, 'oc new-project demo');
    await run(page, 'oc new-app nginx');
    await run(page, 'oc scale deployment/nginx --replicas=3');
    await run(page, 'sleep 30');
    await page.locator('#tab-cluster').click();
    assert.match(await replicaChart(page), /레플리카: 원하는 수와 준비된 수 — demo\/nginx: .* 3$/);
    await page.waitForTimeout(600); // Let the chips' entry animation finish.
    await page.screenshot({ path: join(screenshots, `cluster-ko-${colorScheme}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('axe-core finds no accessibility violations on any tab, in either language and theme', async () => {
  const found = [];
  for (const [locale, colorScheme] of [['en-US', 'light'], ['ko-KR', 'dark']]) {
    // Reduced motion: the pods' entry animation would otherwise be measured half faded in.
    const { context, page } = await open({ locale, colorScheme, reducedMotion: 'reduce' });
    await run(page, 'oc get nodes');
    await page.addScriptTag({ path: axePath });
    const tabs = await page.locator('[role=tab]').evaluateAll((els) => els.map((e) => e.id));
    assert.ok(tabs.length >= 4, `tabs: ${tabs}`);
    for (const id of tabs) {
      await page.locator(`#${id}`).click();
      await page.waitForTimeout(200);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        found.push(`${locale} ${colorScheme} ${id}: ${v.id} (${v.impact}): ${v.help} — ${where} — ${v.nodes[0]?.any?.[0]?.message ?? ""}`);
      }
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});
