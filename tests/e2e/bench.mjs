// Browser load benchmark: cold loads of the release build from a local static server under a
// sub-path, measuring the time from navigation start until the terminal input is usable and the
// number of bytes sent (gzip, as a static host with compression would send them).
//
// It then plays virtual time at 60x while a deployment rolls out, with the terminal and then the cluster view
// shown, and reports the long tasks (over 50 ms) a PerformanceObserver saw, during the load and while playing. That
// part runs TASK_RUNS times with the app's profiling spans on (`window.__bastionProfile`); for every long task it
// names the spans inside it (boot, engine slices, saves, view renders), so a regression says where the time went.
//
// Run it with `cargo xtask bench`, which builds dist/ first. RUNS overrides the number of loads.

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const runs = Number(process.env.RUNS ?? 7);
const replicas = Number(process.env.REPLICAS ?? 100);
const playSeconds = Number(process.env.PLAY_SECONDS ?? 10);
const taskRuns = Number(process.env.TASK_RUNS ?? 3);
const loadTasks = [];
const playTasks = [];

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

// Collects long tasks (over 50 ms, the browser's own threshold) with their start times, from page load on.
const longTaskProbe = () => {
  window.__bastionProfile = true;
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const summarise = (tasks) =>
  tasks.length === 0
    ? 'none'
    : `${tasks.length}, longest ${Math.max(...tasks.map((t) => t.duration)).toFixed(0)} ms, total ${tasks
        .reduce((sum, t) => sum + t.duration, 0)
        .toFixed(0)} ms`;

// The long tasks seen in the page since `from` (and up to `to`), each with the profiling spans that ran inside it.
const tasksWithSpans = (page, from, to) =>
  page.evaluate(
    ([from, to]) => {
      const spans = performance.getEntriesByType('measure');
      return window.__longTasks
        .filter((t) => t.start >= from && t.start <= to)
        .map((t) => {
          const inside = {};
          for (const s of spans) {
            if (s.startTime >= t.start && s.startTime < t.start + t.duration) {
              inside[s.name] = (inside[s.name] ?? 0) + s.duration;
            }
          }
          return { ...t, spans: inside };
        });
    },
    [from, to],
  );

// One line per long task: its duration and where the time went, biggest spans first (render spans include the
// components they render, and yew's DOM patching is outside every span).
const describe = (tasks) =>
  tasks.map(
    (t) =>
      `  ${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)} ms: ${Object.entries(t.spans)
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
        .join(', ')}`,
  );

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

  // Long tasks: a load, then a rollout of many pods played at 60x for a while, in the terminal and cluster tabs.
  for (let i = 0; i < taskRuns; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.addInitScript(longTaskProbe);
    await page.goto(server.url);
    const input = page.getByRole('textbox', { name: 'Terminal input' });
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => window.__bastionReady !== undefined);
    await page.waitForTimeout(500);
    const ready = await page.evaluate(() => window.__bastionReady);
    loadTasks.push(await tasksWithSpans(page, 0, ready + 500));
    await input.fill(`oc create deployment load --image=nginx --replicas=${replicas}`);
    await input.press('Enter');
    await page.waitForTimeout(300);
    const playFrom = await page.evaluate(() => performance.now());
    await page.locator('.clock select').selectOption('60');
    await page.locator('.clock button').first().click();
    await page.waitForTimeout(playSeconds * 500);
    await page.getByRole('tab', { name: /Cluster|클러스터/ }).click();
    await page.waitForTimeout(playSeconds * 500);
    playTasks.push(await tasksWithSpans(page, playFrom, Infinity));
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
for (const [i, tasks] of loadTasks.entries()) {
  console.log(`long tasks (> 50 ms) up to usable terminal (run ${i + 1}): ${summarise(tasks)}`);
  console.log(describe(tasks).join('\n'));
}
for (const [i, tasks] of playTasks.entries()) {
  console.log(`long tasks (> 50 ms) while ${replicas} replicas roll out at 60x for ${playSeconds} s (run ${i + 1}): ${summarise(tasks)}`);
  console.log(describe(tasks).join('\n'));
}
