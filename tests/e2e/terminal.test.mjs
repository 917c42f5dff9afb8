// End-to-end tests of the app shell around the engine: the terminal runs commands against the simulated
// cluster, the session survives a reload, the language switches, Tab completes, `kubectl edit` opens the editor,
// a corrupt save is set aside, and 100,000 lines of output stay smooth. Screenshots of the Terminal tab at
// 1280×720 in both languages and both themes land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, 'screenshots');

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

/** Opens the app in a fresh context and waits until the terminal is usable; returns { context, page, errors, usableMs }. */
async function open({ locale = 'en-US', colorScheme = 'dark', context } = {}) {
  context ??= await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url);
  const usableMs = await waitUsable(page);
  return { context, page, errors, usableMs };
}

/** Waits for the terminal input to be enabled with a prompt beside it; the time since navigation in ms. */
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
  return page.evaluate(() => performance.now());
}

/** Types a command into the terminal and presses Enter; waits for the echoed line. */
async function run(page, command) {
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill(command);
  await input.press('Enter');
  await page.waitForFunction(
    (cmd) => [...document.querySelectorAll('[role=log] .term-line')].some((l) => l.textContent.endsWith(cmd)),
    command,
  );
}

const logText = (page) => page.getByRole('log').innerText();

test('oc get nodes prints the node table, oc new-app runs, and a reload restores both', async () => {
  const { context, page, errors, usableMs } = await open();
  const bootMs = await page.evaluate(() => window.__bastionBootMs);
  console.log(`time from navigation to usable terminal: ${usableMs.toFixed(0)} ms (cluster boot ${bootMs.toFixed(0)} ms)`);
  assert.equal(await page.locator('.term-input-line .prompt').textContent(), '[student@workstation ~]$ ');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Terminal input', 'autofocus');

  await run(page, 'oc get nodes');
  const table = await logText(page);
  assert.match(table, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
  for (const node of ['master01', 'master02', 'master03', 'worker01', 'worker02', 'worker03']) {
    assert.match(table, new RegExp(`^${node}\\b`, 'm'), `${node} in\n${table}`);
  }

  await run(page, 'oc new-project myproject');
  await run(page, 'oc new-app nginx');
  await page.getByRole('log').getByText('--> Success').waitFor();
  await page.screenshot({ path: join(screenshots, 'terminal-after-new-app.png') });

  await page.reload();
  const reloadMs = await waitUsable(page);
  const replayMs = await page.evaluate(() => window.__bastionBootMs);
  console.log(`reload to usable terminal: ${reloadMs.toFixed(0)} ms (replaying the save ${replayMs.toFixed(0)} ms)`);
  const restored = await logText(page);
  assert.match(restored, /--> Success/, 'the scrollback survives a reload');
  assert.match(restored, /^master01\b/m);
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'oc new-app nginx', 'history survives a reload');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'oc new-project myproject');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), '');
  await run(page, 'oc get deployment nginx -o name');
  await page.getByRole('log').getByText('deployment.apps/nginx', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language toggle switches the UI strings and is remembered', async () => {
  const { context, page, errors } = await open({ locale: 'en-US' });
  assert.equal(await page.getByRole('tab', { name: 'Terminal' }).count(), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('button', { name: /한국어/ }).click();
  await page.getByRole('tab', { name: '터미널' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '클러스터' }).count(), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
  assert.equal(await page.locator('.tagline').textContent(), '클라우드 네이티브 학습 놀이터');
  await page.reload();
  await waitUsable(page);
  await page.getByRole('tab', { name: '터미널' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Korean browsers start in Korean', async () => {
  const { context, page } = await open({ locale: 'ko-KR' });
  await page.getByRole('tab', { name: '터미널' }).waitFor();
  await context.close();
});

test('Tab completes resource names and a double Tab lists candidates', async () => {
  const { context, page, errors } = await open();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('oc get po');
  await input.press('Tab');
  assert.match(await input.inputValue(), /^oc get pods? ?$/);
  await input.fill('oc get p');
  await input.press('Tab');
  await input.press('Tab');
  const text = await logText(page);
  assert.match(text, /\$ oc get p\S*$/m, 'the line is echoed before the list');
  assert.match(text, /\bpods\b/, `candidates listed:\n${text}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('line editing: Ctrl-C, Ctrl-U, Ctrl-W, Ctrl-A/E, Ctrl-R and Ctrl-L', async () => {
  const { context, page, errors } = await open();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('oc get nodes');
  await input.press('Control+c');
  assert.equal(await input.inputValue(), '');
  assert.match(await logText(page), /\$ oc get nodes\^C$/m);

  await input.fill('echo one two');
  await input.press('Control+w');
  assert.equal(await input.inputValue(), 'echo one ');
  await input.press('Control+a');
  await page.keyboard.type('X');
  assert.equal(await input.inputValue(), 'Xecho one ');
  await input.press('Control+e');
  await input.press('Control+u');
  assert.equal(await input.inputValue(), '');

  await run(page, 'echo first');
  await run(page, 'echo second');
  await input.press('Control+r');
  await page.keyboard.type('fir');
  assert.match(await page.locator('.search-match').textContent(), /echo first/);
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[role=log] .term-line').length > 0
    && [...document.querySelectorAll('[role=log] .term-line')].filter((l) => l.textContent === 'first').length === 2);

  await input.press('Control+l');
  assert.equal(await logText(page), '');
  await run(page, 'echo again');
  await input.fill('clear');
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[role=log] .term-line').length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('long lines wrap at the terminal width instead of scrolling sideways', async () => {
  const { context, page, errors } = await open();
  const expected = Array.from({ length: 150 }, (_, i) => i + 1).join(' ');
  await run(page, 'echo $(seq 1 150)');
  const rows = await page.evaluate(() => {
    const texts = [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent);
    return texts.slice(texts.findIndex((t) => t.endsWith('echo $(seq 1 150)')) + 1);
  });
  assert.ok(rows.length >= 3, `wrapped into rows: ${JSON.stringify(rows)}`);
  assert.equal(rows.join(''), expected, 'the wrapped rows join back to the line');
  const fits = await page.evaluate(() => {
    const el = document.querySelector('.term-scroll');
    return el.scrollWidth <= el.clientWidth;
  });
  assert.ok(fits, 'no horizontal overflow');
  // A narrower window re-wraps into more rows.
  await page.setViewportSize({ width: 1024, height: 720 });
  await page.waitForFunction((before) => {
    const texts = [...document.querySelectorAll('[role=log] .term-line')].map((l) => l.textContent);
    return texts.slice(texts.findIndex((t) => t.endsWith('echo $(seq 1 150)')) + 1).length > before;
  }, rows.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a heredoc collects continuation lines after "> "', async () => {
  const { context, page, errors } = await open();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('cat <<EOF');
  await input.press('Enter');
  assert.equal(await page.locator('.term-input-line .prompt').textContent(), '> ');
  await input.fill('hello heredoc');
  await input.press('Enter');
  await input.fill('EOF');
  await input.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('[role=log] .term-line')].some((l) => l.textContent === 'hello heredoc'));
  const text = await logText(page);
  assert.match(text, /^> hello heredoc$/m);
  assert.match(text, /^> EOF$/m);
  assert.equal(await page.locator('.term-input-line .prompt').textContent(), '[student@workstation ~]$ ');
  assert.deepEqual(errors, []);
  await context.close();
});

test('kubectl edit opens the editor; a YAML error shows inline; Cancel reports no changes', async () => {
  const { context, page, errors } = await open();
  await run(page, 'kubectl create deployment web --image=nginx');
  await run(page, 'kubectl edit deployment web');
  const editor = page.getByRole('textbox', { name: /Editing/ });
  await editor.waitFor();
  const yaml = await editor.inputValue();
  assert.match(yaml, /^kind: Deployment$/m);
  await editor.fill('metadata: [');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: 'YAML error' }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('log').getByText('Edit cancelled, no changes made.').waitFor();
  assert.equal(await page.getByRole('textbox', { name: /Editing/ }).count(), 0);

  await run(page, 'kubectl edit deployment web');
  await editor.waitFor();
  await editor.fill((await editor.inputValue()).replace(/replicas: 1$/m, 'replicas: 2'));
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('log').getByText('deployment.apps/web edited').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt save is set aside with a notice, never a blank page', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('bastion.save.v1', '{"engine": "not a save", "tab": "Terminal"');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const { page, errors } = await open({ context });
  const notice = page.getByRole('alert');
  await notice.waitFor();
  assert.match(await notice.textContent(), /set aside/);
  assert.equal(await page.evaluate(() => localStorage.getItem('bastion.save.v1.aside')), '{"engine": "not a save", "tab": "Terminal"');
  await run(page, 'oc whoami');
  assert.deepEqual(errors, []);
  await context.close();
});

test('100,000 lines of output stay smooth', async () => {
  const { context, page, errors } = await open();
  const t0 = Date.now();
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('seq 100000');
  await input.press('Enter');
  // The echoed command scrolls out of the rendered window at once, so wait for the last line instead.
  await page.getByRole('log').getByText('100000', { exact: true }).waitFor({ timeout: 60_000 });
  const runMs = Date.now() - t0;
  const stats = await page.evaluate(async () => {
    const scroller = document.querySelector('.term-scroll');
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    const times = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      scroller.scrollTop = Math.random() * scroller.scrollHeight;
      await frame();
      await frame();
      times.push(performance.now() - t);
    }
    const smooth = [];
    for (let i = 0; i < 120; i++) {
      const t = performance.now();
      scroller.scrollTop -= 120;
      await frame();
      smooth.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    smooth.sort((a, b) => a - b);
    return {
      nodes: document.querySelectorAll('[role=log] .term-line').length,
      jumpMedian: times[30],
      jumpMax: times.at(-1),
      stepMedian: smooth[60],
      stepP95: smooth[114],
    };
  });
  console.log(`seq 100000: ${runMs} ms to run and render; ${stats.nodes} line nodes in the DOM; random jumps: median ${stats.jumpMedian.toFixed(1)} ms, max ${stats.jumpMax.toFixed(1)} ms (two frames); 120 px steps: median ${stats.stepMedian.toFixed(1)} ms, p95 ${stats.stepP95.toFixed(1)} ms per frame`);
  assert.ok(stats.nodes < 400, `only a window of lines is rendered (${stats.nodes})`);
  // Jump to a known line and check it is really shown.
  await page.evaluate(() => {
    document.querySelector('.term-scroll').scrollTop = 50_000 * 20;
  });
  await page.getByRole('log').getByText('50001', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the clock steps and plays; export, import and a scenario switch keep or replace the session', async () => {
  const { context, page, errors } = await open();
  const clock = page.locator('.clock-time');
  const before = await clock.textContent();
  await page.getByRole('button', { name: '+10 s' }).click();
  await page.waitForFunction((b) => document.querySelector('.clock-time').textContent !== b, before);
  const seconds = (text) => {
    const [h, m, s] = text.split(' ')[1].split(':').map(Number);
    return h * 3600 + m * 60 + s;
  };
  assert.equal(seconds(await clock.textContent()) - seconds(before), 10);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
  await page.getByRole('button', { name: /Play/ }).click();
  const playing = await clock.textContent();
  await page.waitForFunction((b) => document.querySelector('.clock-time').textContent !== b, playing, { timeout: 5_000 });
  await page.getByRole('button', { name: /Pause/ }).click();

  await run(page, 'kubectl create namespace exported');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  assert.equal(download.suggestedFilename(), 'bastion-ocp4.json');
  const path = await download.path();

  page.on('dialog', (dialog) => dialog.accept());
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('vanilla');
  await page.waitForFunction(() => document.querySelectorAll('[role=log] .term-line').length === 0);
  await run(page, 'kubectl get ns exported');
  assert.match(await logText(page), /namespaces "exported" not found/);
  assert.equal(await page.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'vanilla');

  await page.locator('input[type=file]').setInputFiles(path);
  await page.waitForFunction(() => document.querySelector('select').value === 'ocp4');
  await run(page, 'kubectl get ns exported -o name');
  await page.getByRole('log').getByText('namespace/exported', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page paints a starting line before the cluster boots', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  // The boot blocks the main thread, so record in the page when the line appeared and when a frame showed it.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const status = document.querySelector('[role=status]');
      if (status && window.__statusText === undefined) {
        window.__statusText = status.textContent;
        window.__statusAt = performance.now();
        // A rAF callback runs just before its frame paints.
        requestAnimationFrame(() => (window.__statusPainted = performance.now()));
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url);
  const usableMs = await waitUsable(page);
  const seen = await page.evaluate(() => ({ text: window.__statusText, at: window.__statusAt, painted: window.__statusPainted, boot: window.__bastionBootMs }));
  assert.equal(seen.text, 'starting cluster…');
  assert.ok(seen.painted !== undefined);
  console.log(`starting line in the DOM at ${seen.at.toFixed(0)} ms, in a frame at ${seen.painted.toFixed(0)} ms; cluster boot ${seen.boot.toFixed(0)} ms; terminal usable at ${usableMs.toFixed(0)} ms`);
  assert.ok(seen.painted <= usableMs - seen.boot, 'the frame with the starting line came before the boot');
  assert.equal(await page.getByRole('status').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the Terminal tab in both languages and both themes', async () => {
  for (const locale of ['en-US', 'ko-KR']) {
    for (const colorScheme of ['dark', 'light']) {
      const { context, page, errors } = await open({ locale, colorScheme });
      await run(page, 'oc get nodes');
      await run(page, 'oc get pods -n nope');
      await page.getByRole('textbox', { name: 'Terminal input' }).fill('oc get po');
      const name = `terminal-${locale.slice(0, 2)}-${colorScheme}.png`;
      await page.screenshot({ path: join(screenshots, name) });
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
  // 1024 wide, too.
  const context = await browser.newContext({ viewport: { width: 1024, height: 640 } });
  const { page } = await open({ context });
  await run(page, 'oc get nodes -o wide');
  await page.screenshot({ path: join(screenshots, 'terminal-1024.png') });
  await context.close();
});
