// End-to-end tests of the lab player: a lab completed by typing its commands into the terminal, each step
// turning done as the engine's checks pass, and the finished screen; hints revealed one at a time; lab progress
// surviving a reload; instructor mode's reference solution with Run buttons, reset and presentation mode; and
// the class progress table built from two progress files the app exported. Screenshots of the player at
// 1280×720 in English and Korean land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
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

/** Opens the app in a fresh context at 1280×720 and waits for a usable terminal; confirmations are accepted. */
async function open({ locale = 'en-US', colorScheme = 'dark' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = collectErrors(page);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.accept();
  });
  await page.goto(server.url);
  await waitUsable(page);
  return { context, page, errors, dialogs };
}

/** Waits for the terminal input to be enabled with a prompt beside it. */
async function waitUsable(page) {
  await page.waitForFunction(
    () => {
      const input = document.querySelector('.terminal-input');
      const prompt = input?.parentElement?.querySelector('.prompt')?.textContent ?? '';
      return input && !input.disabled && prompt.length > 0;
    },
    null,
    { timeout: 60_000 },
  );
}

/** How many times `command` was echoed in the terminal (lines joined, so wrapped lines still count). */
function echoes(page, command) {
  return page.evaluate((cmd) => {
    const text = [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent).join('');
    return text.split(cmd).length - 1;
  }, command);
}

/** Types a command into the terminal, presses Enter and waits for it to be echoed once more. */
async function run(page, command) {
  const before = await echoes(page, command);
  const input = page.locator('.terminal-input');
  await input.fill(command);
  await input.press('Enter');
  await page.waitForFunction(
    ([cmd, n]) => {
      const text = [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent).join('');
      return text.split(cmd).length - 1 > n;
    },
    [command, before],
  );
}

/** The class of each step of the open lab: `done`, `current` or `pending`. */
async function stepStates(page) {
  return page.$$eval('.lab-player .lab-step', (steps) =>
    steps.map((s) => ['done', 'current', 'pending'].find((c) => s.classList.contains(c))),
  );
}

/** Waits until the open lab's steps are in `states`. */
async function waitSteps(page, states) {
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('.lab-player .lab-step')].map((s) =>
        ['done', 'current', 'pending'].find((c) => s.classList.contains(c)),
      );
      return JSON.stringify(got) === JSON.stringify(want);
    },
    states,
    { timeout: 30_000 },
  ).catch(async (e) => {
    throw new Error(`steps ${JSON.stringify(await stepStates(page))}, wanted ${JSON.stringify(states)}: ${e.message}`);
  });
}

/** Opens the lab list and starts a lab. */
async function startLab(page, id) {
  await page.locator('#labs-switch-labs').click();
  await page.locator(`.lab-card[data-lab="${id}"] .lab-start`).click();
  await page.locator(`.lab-player[data-lab="${id}"]`).waitFor();
}

/** axe-core's violations inside the lab pane, one line each. */
async function axeLabs(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run('.labs-pane', { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The explanation of the current step's first failing check. */
const failing = (page) => page.locator('.lab-step.current .lab-failing .lab-check-text').first().textContent();

test('a lab completed by typing its commands: each step turns done, then the finished screen', async () => {
  const { context, page, errors } = await open();
  await startLab(page, 'deploy-route-selfheal');
  // The setup commands ran in the terminal: logged in as developer in the project selfheal.
  await page.getByRole('log').getByText('Now using project "selfheal"', { exact: false }).waitFor();
  await waitSteps(page, ['current', 'pending', 'pending']);
  assert.match(await failing(page), /deployment hello in selfheal has 3 ready replicas \(now 0\)/);

  await run(page, 'oc create deployment hello --image=image-registry.openshift-image-registry.svc:5000/openshift/nginx:1.22-ubi8 --replicas=3 --port=8080');
  await waitSteps(page, ['current', 'pending', 'pending']);
  await page.screenshot({ path: join(screenshots, 'lab-player-en.png') });
  await run(page, 'sleep 30');
  await waitSteps(page, ['done', 'current', 'pending']);
  assert.match(await page.locator('.lab-step.done .lab-step-state').first().innerText(), /^done \d\d:\d\d:\d\d$/);
  assert.match(await failing(page), /service hello exists in selfheal \(not found\)/);
  const checks = await page.locator('.lab-step.current .lab-check').allInnerTexts();
  assert.equal(checks.length, 3, checks.join('\n'));

  await run(page, 'oc expose deployment hello --port=8080');
  await page.waitForFunction(() => document.querySelectorAll('.lab-step.current .lab-check.pass').length === 1);
  assert.match(await failing(page), /route hello exists in selfheal \(not found\)/);
  await run(page, 'oc expose service hello');
  await run(page, 'curl -s http://hello-selfheal.apps.ocp4.example.com/');
  // The Route and the curl check pass, and the self-healing step's state (3 ready) already holds.
  await waitSteps(page, ['done', 'done', 'done']);
  await page.locator('.lab-finished').waitFor();
  assert.match(await page.locator('.lab-finished').innerText(), /Lab complete!/);
  assert.equal(await page.locator('.lab-count').innerText(), '3/3 steps done');
  assert.equal(await page.locator('.labs-switch-current').innerText(), 'Deployment, Service, Route and self-healing · 3/3');
  await page.screenshot({ path: join(screenshots, 'lab-finished-en.png') });
  assert.deepEqual(await axeLabs(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hints are revealed one at a time and lab progress survives a reload', async () => {
  const { context, page, errors } = await open();
  await startLab(page, 'arch-1-3-commands');
  await waitSteps(page, ['current', 'pending', 'pending', 'pending']);
  assert.match(await failing(page), /Not passing yet: logged in as admin \(now system:admin\)/);
  await run(page, 'oc login -u admin -p redhatocp https://api.ocp4.example.com:6443');
  // Logging in as admin is the state the first three steps check.
  await waitSteps(page, ['done', 'done', 'done', 'current']);

  const hints = page.locator('.lab-step.current .lab-hint');
  const button = page.locator('.lab-step.current .lab-hint-button');
  assert.equal(await hints.count(), 0);
  assert.equal(await button.innerText(), 'Show a hint (1/2)');
  await button.click();
  assert.deepEqual(await hints.allInnerTexts(), ['Hint 1: oc new-project myproject']);
  assert.equal(await button.innerText(), 'Show a hint (2/2)');
  await button.click();
  assert.equal(await hints.count(), 2);
  assert.match(await hints.nth(1).innerText(), /oc new-app nginx/);
  assert.equal(await button.innerText(), 'No more hints');
  assert.equal(await button.isDisabled(), true);

  await run(page, 'oc new-project myproject');
  await page.waitForFunction(() => document.querySelectorAll('.lab-step.current .lab-check.pass').length === 1);
  await page.reload();
  await waitUsable(page);
  // The player is open again on the same lab, with its done steps, revealed hints and live checks.
  await page.locator('.lab-player[data-lab="arch-1-3-commands"]').waitFor();
  await waitSteps(page, ['done', 'done', 'done', 'current']);
  assert.equal(await hints.count(), 2);
  await page.waitForFunction(() => document.querySelectorAll('.lab-step.current .lab-check.pass').length === 1);
  assert.match(await failing(page), /deployment nginx in myproject has 1 ready replicas \(now 0\)/);

  await run(page, 'oc new-app nginx');
  await run(page, 'sleep 30');
  await waitSteps(page, ['done', 'done', 'done', 'done']);
  await page.locator('.lab-finished').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('instructor mode: the solution with Run buttons, presentation mode, reset, remembered across reloads', async () => {
  const { context, page, errors, dialogs } = await open();
  await startLab(page, 'arch-1-3-commands');
  assert.equal(await page.locator('.lab-solution').count(), 0, 'no solutions for learners');
  await page.locator('.lab-instructor-toggle input').check();
  assert.equal(await page.locator('.lab-solution').count(), 4);
  const first = page.locator('.lab-step').first().locator('.lab-solution li');
  assert.equal(await first.locator('code').innerText(), 'oc login -u admin -p redhatocp https://api.ocp4.example.com:6443');
  await first.locator('.lab-run').click();
  await page.getByRole('log').getByText('Login successful.').waitFor();
  await waitSteps(page, ['done', 'done', 'done', 'current']);

  await page.locator('.lab-present').click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenting')), true);
  const size = await page.locator('.labs-body').evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(size, '22px');
  await page.screenshot({ path: join(screenshots, 'lab-instructor-presenting-en.png') });
  assert.deepEqual(await axeLabs(page), []);
  await page.locator('.lab-present').click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenting')), false);

  // Reset: a fresh session of the lab's scenario (no admin login any more) and the progress cleared.
  await page.locator('.lab-reset').click();
  assert.equal(dialogs.length, 1);
  await waitSteps(page, ['current', 'pending', 'pending', 'pending']);
  await run(page, 'oc whoami');
  await page.getByRole('log').getByText('system:admin', { exact: true }).waitFor();

  await page.reload();
  await waitUsable(page);
  await page.locator('.lab-player').waitFor();
  assert.equal(await page.locator('.lab-instructor-toggle input').isChecked(), true, 'instructor mode is remembered');
  assert.equal(await page.locator('.lab-solution').count(), 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('class progress: two exported progress files make a table of who finished which step', async () => {
  const { context, page, errors } = await open();
  await startLab(page, 'arch-1-3-commands');
  await run(page, 'oc login -u admin -p redhatocp https://api.ocp4.example.com:6443');
  await waitSteps(page, ['done', 'done', 'done', 'current']);

  // Exporting needs a name.
  await page.locator('.lab-export-button').click();
  assert.match(await page.locator('.lab-export [role=alert]').innerText(), /Type your name/);
  const exportAs = async (name) => {
    await page.locator('.lab-learner').fill(name);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.lab-export-button').click()]);
    assert.equal(download.suggestedFilename(), `bastion-progress-arch-1-3-commands-${name}.json`);
    const path = join(screenshots, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const ari = await exportAs('Ari');
  const file = JSON.parse(await readFile(ari, 'utf8'));
  assert.equal(file.format, 'bastion-lab-progress');
  assert.equal(file.learner, 'Ari');
  assert.equal(file.lab, 'arch-1-3-commands');
  assert.deepEqual(file.steps.map((s) => s.done), [true, true, true, false]);
  assert.match(file.steps[0].done_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  await run(page, 'oc new-project myproject');
  await run(page, 'oc new-app nginx');
  await run(page, 'sleep 30');
  await waitSteps(page, ['done', 'done', 'done', 'done']);
  const bora = await exportAs('Bora');

  await page.locator('.lab-instructor-toggle input').check();
  await page.locator('.lab-instructor-bar .lab-class-open').click();
  await page.locator('.class-files').setInputFiles([ari, bora]);
  await page.locator('.class-table tbody tr').nth(1).waitFor();
  const rows = await page.$$eval('.class-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r[0]), ['Ari', 'Bora']);
  assert.deepEqual(rows[0].slice(4), ['—', '3/4']);
  assert.deepEqual(rows[1].slice(4, 6).map((c) => c.startsWith('✓')), [true, false]);
  assert.equal(rows[1][5], '4/4');
  assert.match(rows[0][1], /^✓ \d\d:\d\d:\d\d$/);
  // A file that is not a progress file is named with the reason.
  const ariFile = { name: 'ari.json', mimeType: 'application/json', buffer: await readFile(ari) };
  await page.locator('.class-files').setInputFiles([ariFile, { name: 'session.json', mimeType: 'application/json', buffer: Buffer.from('{"engine":"x"}') }]);
  await page.locator('.class-errors li').waitFor();
  assert.equal(await page.locator('.class-errors li').innerText(), 'session.json: not a lab progress file');
  assert.equal(await page.locator('.class-table tbody tr').count(), 1);
  await page.locator('.class-files').setInputFiles([ari, bora]);
  await page.locator('.class-table tbody tr').nth(1).waitFor();
  const heads = await page.locator('.class-table thead th').allInnerTexts();
  assert.deepEqual(heads, ['Name', '1', '2', '3', '4', 'Done']);
  const legend = await page.locator('.class-legend li').allInnerTexts();
  assert.deepEqual(legend, ['Log in as admin', 'Look at the nodes', 'A shell on a control-plane node', 'Deploy an application']);
  await page.screenshot({ path: join(screenshots, 'lab-class-progress-en.png') });
  assert.deepEqual(await axeLabs(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lab player in Korean (light theme)', async () => {
  const { context, page, errors } = await open({ locale: 'ko-KR', colorScheme: 'light' });
  await page.locator('#labs-switch-labs').click();
  assert.equal(await page.locator('#lab-list-title').innerText(), '실습 목록');
  await page.screenshot({ path: join(screenshots, 'lab-list-ko.png') });
  assert.deepEqual(await axeLabs(page), []);
  await page.locator('.lab-card[data-lab="deploy-route-selfheal"] .lab-start').click();
  await page.locator('.lab-player').waitFor();
  assert.equal(await page.locator('.lab-title').innerText(), '디플로이먼트, 서비스, 라우트와 자가 치유');
  await page.locator('.lab-step.current .lab-hint-button').click();
  await page.waitForFunction(() => document.querySelector('.lab-step.current .lab-failing'));
  assert.match(await failing(page), /selfheal의 디플로이먼트 hello의 준비된 레플리카 3개 \(현재 0개\)/);
  await page.screenshot({ path: join(screenshots, 'lab-player-ko.png') });
  assert.deepEqual(await axeLabs(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
