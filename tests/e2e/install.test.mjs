// End-to-end test of the Install tab: a UPI bare-metal install driven from the tab (helper playbook, install-config
// wizard, ignition, power on), stepped through the bootstrap with step and step back, CSRs approved, ending with the
// installed cluster as the session's cluster (`oc get nodes` in the terminal lists the new nodes). Screenshots of the
// tab at 1280×720 in both languages and both themes land in screenshots/.

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
async function open({ locale = 'en-US', colorScheme = 'dark' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 720 } });
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

const terminalText = (page) => page.evaluate(() => document.querySelector('[role=log]').textContent);

/** Waits until the terminal's scrollback contains `text`. */
async function terminalShows(page, text) {
  await page.waitForFunction((t) => document.querySelector('[role=log]').textContent.includes(t), text, {
    timeout: 20_000,
  });
}

/** The number of the current bootstrap step, from the timeline's highlighted row (0 before the install starts). */
async function currentStep(page) {
  const id = await page.locator('.tl-row.current').getAttribute('data-stage').catch(() => null);
  const order = [
    'bootstrap-boot',
    'temporary-control-plane',
    'masters-fetch-ignition',
    'production-control-plane',
    'etcd-scaling',
    'control-handover',
    'inject-components',
    'bootstrap-complete',
    'compute-nodes',
    'cluster-operators',
  ];
  return id ? order.indexOf(id) + 1 : 0;
}

/** Drives the tab from nothing to machines powered on; `labels` are the button texts in the page's language. */
async function prepare(page, labels) {
  await page.getByRole('tab', { name: labels.tab }).click();
  await page.getByRole('radio', { name: labels.upi }).check();
  await page.getByRole('button', { name: labels.playbook }).click();
  await terminalShows(page, 'PLAY RECAP');
  await page.getByRole('button', { name: labels.write }).click();
  await page.locator('.inst-out').waitFor();
  await page.getByRole('button', { name: 'create ignition-configs' }).click();
  await terminalShows(page, 'Ignition-Configs created in: ocp4 and ocp4/auth');
  await page.getByRole('button', { name: labels.publish }).click();
  await terminalShows(page, 'cp ocp4/*.ign /var/www/html/ignition/');
  await page.getByRole('button', { name: labels.power }).click();
  await page.locator('.tl-row.current').waitFor();
}

const EN = {
  tab: 'Install',
  upi: 'UPI bare metal + helper node',
  playbook: 'Run the playbook (vars.yaml)',
  write: 'Write install-config.yaml',
  publish: 'Publish ignition (8080)',
  power: 'Power on machines (PXE)',
  step: 'Step',
  back: 'Step back',
  play: 'Play',
  pause: 'Pause',
  approveAll: 'Approve all',
};

const KO = {
  tab: '설치',
  upi: 'UPI 베어메탈 + 헬퍼 노드',
  playbook: '플레이북 실행 (vars.yaml)',
  write: 'install-config.yaml 쓰기',
  publish: 'Ignition 게시 (8080)',
  power: '머신 전원 켜기 (PXE)',
  step: '다음 단계',
  back: '이전 단계',
  play: '재생',
  pause: '일시정지',
  approveAll: '모두 승인',
};

test('a UPI install steps through the bootstrap in the Install tab and becomes the session cluster', async () => {
  const { context, page, errors } = await open();
  await prepare(page, EN);
  assert.equal(await currentStep(page), 1);
  // The wizard's validation shows the installer's field path inline.
  const name = page.getByLabel('Cluster name').first();
  await name.fill('Bad_Name');
  await page.locator('.inst-error', { hasText: 'metadata.name: Invalid value: "Bad_Name"' }).first().waitFor();
  await name.fill('ocp4');
  assert.equal(await page.locator('.inst-field.invalid').count(), 0);

  const step = page.getByRole('button', { name: EN.step, exact: true });
  await step.click();
  await step.click();
  assert.equal(await currentStep(page), 3, 'two steps forward reach the masters fetching their ignition');
  await page.getByRole('button', { name: EN.back }).click();
  assert.equal(await currentStep(page), 2, 'step back returns to the start of the previous step');
  await step.click();
  assert.equal(await currentStep(page), 3);
  // Clicking a machine opens its journal in the log pane.
  await page.locator('.machine[data-machine="bootstrap"]').click();
  await page.locator('.inst-log', { hasText: 'bootkube' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'install-en-dark.png') });

  // Through the bootstrap to the compute nodes, where the workers' CSRs wait.
  for (let i = 0; i < 12 && (await currentStep(page)) < 9; i++) await step.click();
  assert.equal(await currentStep(page), 9);
  for (let round = 0; round < 4 && !(await page.locator('.inst-banner.done').count()); round++) {
    if (await page.getByRole('button', { name: EN.approveAll }).count()) {
      await page.getByRole('button', { name: EN.approveAll }).click();
      await terminalShows(page, 'approved');
    }
    await step.click();
  }
  for (let i = 0; i < 6 && !(await page.locator('.inst-banner.done').count()); i++) await step.click();
  await page.locator('.inst-banner.done').waitFor();
  const machines = await page.locator('.machine.state-ready').count();
  assert.equal(machines, 5, 'three masters and two workers are Ready');
  await page.screenshot({ path: join(screenshots, 'install-en-dark-done.png') });

  // The installed cluster is now the terminal's cluster.
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('oc get nodes');
  await input.press('Enter');
  await terminalShows(page, 'worker1.ocp4.example.com');
  const text = await terminalText(page);
  for (const node of ['master0', 'master1', 'master2', 'worker0', 'worker1']) {
    assert.ok(text.includes(`${node}.ocp4.example.com`), `oc get nodes lists ${node}`);
  }
  assert.ok(!text.includes('master01 '), 'the classroom nodes are gone');
  await input.fill('oc login -u kubeadmin -p $(cat ocp4/auth/kubeadmin-password)');
  await input.press('Enter');
  await terminalShows(page, 'Login successful.');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [locale, colorScheme, labels, file] of [
  ['ko-KR', 'light', KO, 'install-ko-light.png'],
  ['ko-KR', 'dark', KO, 'install-ko-dark.png'],
  ['en-US', 'light', EN, 'install-en-light.png'],
]) {
  test(`the Install tab renders in ${locale} ${colorScheme}`, async () => {
    const { context, page, errors } = await open({ locale, colorScheme });
    await prepare(page, labels);
    // Play moves the install on by itself; pause stops it.
    await page.getByRole('button', { name: labels.play, exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.tl-row.current')?.dataset.stage === 'etcd-scaling', null, {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: labels.pause, exact: true }).click();
    const paused = await currentStep(page);
    await page.waitForTimeout(1_000);
    assert.equal(await currentStep(page), paused, 'a paused install stays where it is');
    await page.locator('.machine[data-machine="master0"]').click();
    await page.locator('.install-view').evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, file) });
    // The tab mid-install (machines in several states, pending CSRs, a journal) has no accessibility violations.
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run('.install-view', { resultTypes: ['violations'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} ${v.nodes[0]?.any?.[0]?.message ?? ''}`);
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('an injected fault shows its symptom at the step where the real install fails', async () => {
  const { context, page, errors } = await open();
  await prepare(page, EN);
  await page.locator('.inst-faults summary').click();
  const row = page.locator('.inst-faults tr', { hasText: 'Missing api-int DNS record' });
  await row.getByRole('button', { name: 'Inject' }).click();
  await page.locator('.inst-faults .inst-ok', { hasText: 'removed the api-int record' }).waitFor();
  const step = page.getByRole('button', { name: EN.step, exact: true });
  for (let i = 0; i < 4; i++) await step.click();
  assert.equal(await currentStep(page), 3, 'the masters never get past fetching their ignition');
  await page.locator('.tl-reason', { hasText: 'api-int' }).waitFor();
  assert.ok((await page.locator('.machine.state-failed').count()) >= 1, 'a master shows its ignition failing');
  await page.locator('.machine[data-machine="master0"]').click();
  await page.locator('.inst-log', { hasText: 'no such host' }).waitFor();
  await page.locator('.install-view').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, 'install-fault-en-dark.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
