// End-to-end tests of the lesson pane: the sidebar opens a lesson, Run types a shell block into the terminal and
// Apply a YAML block, the language toggle keeps the lesson and the reader's heading, a deep link (lesson, heading
// and language) survives a reload, search works in Korean and English in under 50 ms with highlighted snippets,
// the read checkmark persists and previous/next move through the course. Screenshots of a Korean and an English
// lesson at 1280×720 in both themes (and one at 1024 wide) land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const screenshots = join(here, 'screenshots');

/** The search budget from the issue: results in under 50 ms. */
const SEARCH_BUDGET_MS = 50;

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

/** Opens the app (optionally at a hash) in a fresh context and waits until the terminal is usable. */
async function open({ locale = 'en-US', colorScheme = 'dark', hash = '', viewport = { width: 1280, height: 720 } } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + hash);
  await waitUsable(page);
  return { context, page, errors };
}

/** Waits for the terminal input to be enabled with a prompt beside it and for the lesson article. */
async function waitUsable(page) {
  await page.waitForFunction(
    () => {
      const input = document.querySelector('input[aria-label="Terminal input"]');
      const prompt = input?.parentElement?.querySelector('.prompt')?.textContent ?? '';
      return input && !input.disabled && prompt.length > 0 && document.querySelector('.lesson-article h1');
    },
    null,
    { timeout: 60_000 },
  );
}

const title = (page) => page.locator('.lesson-article h1').first().innerText();
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));
const logText = (page) => page.getByRole('log').innerText();

/** Opens the course sidebar (a drawer when the pane is narrow) and clicks a lesson by its title. */
async function openFromSidebar(page, lessonTitle) {
  const toggle = page.locator('.lesson-toc-toggle');
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
  await page.locator('.lesson-toc').getByRole('link', { name: lessonTitle, exact: true }).click();
}

/** Scrolls the lesson article so that the heading with `anchor` is at its top; waits for the pane to notice. */
async function scrollToHeading(page, anchor) {
  await page.evaluate((id) => document.getElementById(`lesson-${id}`).scrollIntoView(), anchor);
  await page.waitForTimeout(150);
}

/** Where a heading sits relative to the top of the article's visible area, in px. */
function headingOffset(page, anchor) {
  return page.evaluate((id) => {
    const article = document.querySelector('.lesson-article');
    const heading = document.getElementById(`lesson-${id}`);
    return heading ? heading.getBoundingClientRect().top - article.getBoundingClientRect().top : null;
  }, anchor);
}

/** The code block (its tools and text) that contains `text`. */
const codeBlock = (page, text) => page.locator('.code-block').filter({ hasText: text }).first();

test('the sidebar opens a lesson; Run types a shell block into the terminal; Apply applies a YAML block', async () => {
  const { context, page, errors } = await open();
  // The first lesson opens by default, and the hash names it.
  assert.equal(await title(page), 'Day 49: AWS Cloud Overview');
  assert.equal(await hash(page), '#/en/day-49-aws-cloud-overview');

  await openFromSidebar(page, '1-3 (2): RHOCP Features and Kubernetes Architectural Concepts');
  await page.waitForFunction(() => document.querySelector('.lesson-article h1')?.textContent.startsWith('1-3 (2)'));
  assert.equal(await hash(page), '#/en/arch-rhocp-features-and-concepts');
  // Headings carry their deep link.
  assert.equal(
    await page.locator('#lesson-architectural-concepts .heading-anchor').getAttribute('href'),
    '#/en/arch-rhocp-features-and-concepts#architectural-concepts',
  );
  assert.equal(await page.locator('.lesson-toc').isVisible(), false, 'the drawer closes after choosing a lesson');
  assert.match(await page.locator('.lesson-count').innerText(), /^16 \/ 22$/);

  // Run: every command of the block goes to the terminal, echoed after the prompt, with its output.
  const block = codeBlock(page, "oc get nodes # check the nodes' status");
  await block.getByRole('button', { name: '▶ Run' }).click();
  await page.waitForFunction(() => /^worker03\s+Ready/m.test(document.querySelector('[role=log]')?.innerText ?? ''));
  const log = await logText(page);
  assert.match(log, /\$ oc login -u admin -p redhatocp https:\/\/api\.ocp4\.example\.com:6443/);
  assert.match(log, /\$ oc get nodes # check the nodes' status/);
  assert.match(log, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
  assert.match(log, /^master01\s+Ready\s+control-plane,master/m);

  // Apply: the YAML block goes through `kubectl apply -f -`; a second Apply after a change configures it.
  await openFromSidebar(page, 'Week 2: Kubernetes, Objects and Setting up EKS');
  await page.waitForFunction(() => location.hash === '#/en/week-2-kubernetes-eks');
  // The lesson's related view opens beside it.
  await page.getByRole('button', { name: 'Open the Cluster view →' }).click();
  assert.equal(await page.getByRole('tab', { name: 'Cluster' }).getAttribute('aria-selected'), 'true');
  const deployment = codeBlock(page, 'kind: Deployment');
  await deployment.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('log').getByText('deployment.apps/nginx created', { exact: true }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Terminal' }).getAttribute('aria-selected'), 'true', 'Apply shows the terminal');
  await codeBlock(page, 'kind: Service').getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('log').getByText('service/nginx created', { exact: true }).waitFor();
  // Scale the deployment away from the manifest, then Apply again: the manifest is applied back.
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('kubectl scale deployment nginx --replicas=1');
  await input.press('Enter');
  await page.getByRole('log').getByText('deployment.apps/nginx scaled', { exact: true }).waitFor();
  await deployment.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('log').getByText('deployment.apps/nginx configured', { exact: true }).waitFor();
  await input.fill('kubectl get deployment nginx -o jsonpath={.spec.replicas}');
  await input.press('Enter');
  await page.waitForFunction(() =>
    /jsonpath=\{\.spec\.replicas\}\n3/.test(document.querySelector('[role=log]')?.innerText ?? ''),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lesson written for another scenario says so and switches the session to it', async () => {
  const { context, page, errors } = await open({ hash: '#/en/week-3-eks-operations' });
  const scenario = () => page.locator('.app-header select').first().inputValue();
  assert.equal(await scenario(), 'ocp4');
  const notice = page.locator('.lesson-scenario');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Amazon EKS \(eks ≠ ocp4\)/);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.accept();
  });
  await notice.getByRole('button', { name: 'Switch to this scenario' }).click();
  await waitUsable(page);
  await page.waitForFunction(() => !document.querySelector('.lesson-scenario'));
  assert.equal(await scenario(), 'eks');
  assert.equal(dialogs.length, 1);
  assert.equal(await hash(page), '#/en/week-3-eks-operations', 'the reader stays on the lesson');
  // The lesson's first command now finds its cluster.
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await input.fill('aws eks describe-cluster --name bastion-eks --query cluster.status --output text');
  await input.press('Enter');
  await page.getByRole('log').getByText('ACTIVE', { exact: true }).waitFor();
  // An OpenShift lesson on the EKS session says so the other way round.
  await page.evaluate(() => { location.hash = '#/en/day-57-openshift-architecture'; });
  await page.waitForFunction(() => document.querySelector('.lesson-scenario')?.innerText.includes('OpenShift 4 (ocp4 ≠ eks)'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a block runs its lines in order even when the first waits for a data file', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  // A slow network: the API schemas that create-repository's line asks for arrive late.
  await page.route('**/data/schemas.json', async (route) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    await route.continue();
  });
  await page.goto(server.url + '#/en/day-54-codecommit');
  await waitUsable(page);
  await codeBlock(page, 'aws codecommit create-repository').getByRole('button', { name: '▶ Run' }).click();
  await page.getByRole('log').getByText('fatal: repository', { exact: false }).or(page.getByRole('log').getByText("Cloning into 'my-app'...")).waitFor();
  const log = await logText(page);
  const created = log.indexOf('"repositoryName": "my-app"');
  const listed = log.indexOf('$ aws codecommit list-repositories');
  assert.ok(created > 0 && listed > created, `create-repository ran before list-repositories:\n${log}`);
  assert.match(log.slice(listed), /"repositoryName": "my-app"/, 'the list shows the new repository');
  assert.ok(!log.includes('fatal: repository'), 'the clone finds the repository');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language toggle switches the lesson in place and keeps the heading the reader is at', async () => {
  const { context, page, errors } = await open({ hash: '#/en/week-2-kubernetes-eks' });
  assert.equal(await title(page), 'Week 2');
  await scrollToHeading(page, 'managed-vs-self-hosted');
  assert.ok(Math.abs(await headingOffset(page, 'managed-vs-self-hosted')) < 30);

  await page.locator('.lang-toggle').click();
  await page.locator('.lesson-pane[lang=ko]').waitFor();
  assert.equal(await title(page), '2주차');
  assert.equal(await page.locator('#lesson-managed-vs-self-hosted').innerText(), '관리형 Kubernetes VS 자체 호스팅');
  await page.waitForFunction(() => decodeURIComponent(location.hash) === '#/ko/week-2-kubernetes-eks#managed-vs-self-hosted');
  const offset = await headingOffset(page, 'managed-vs-self-hosted');
  assert.ok(offset !== null && Math.abs(offset) < 30, `the heading stays at the top (offset ${offset} px)`);

  // Reading on and switching back keeps the new position.
  await scrollToHeading(page, 'deploy-nginx');
  await page.locator('.lang-toggle').click();
  await page.locator('.lesson-pane[lang=en]').waitFor();
  assert.equal(await page.locator('#lesson-deploy-nginx').innerText(), 'Kubernetes objects: deploying Nginx');
  await page.waitForFunction(() => location.hash === '#/en/week-2-kubernetes-eks#deploy-nginx');
  const back = await headingOffset(page, 'deploy-nginx');
  assert.ok(Math.abs(back) < 30, `the heading stays at the top (offset ${back} px)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep link to a lesson, heading and language survives a reload', async () => {
  // An English browser follows a Korean link: the whole UI switches to Korean.
  const { context, page, errors } = await open({ locale: 'en-US', hash: '#/ko/week-1-aws-vpc#subnet' });
  for (const round of ['load', 'reload']) {
    await page.locator('.lesson-pane[lang=ko]').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko', round);
    assert.equal(await title(page), '1주차 과제 : AWS와 VPC', round);
    assert.equal(await hash(page), '#/ko/week-1-aws-vpc#subnet', round);
    await page.waitForFunction(() => {
      const article = document.querySelector('.lesson-article');
      const heading = document.getElementById('lesson-subnet');
      return Math.abs(heading.getBoundingClientRect().top - article.getBoundingClientRect().top) < 30;
    });
    assert.ok(await page.getByRole('tab', { name: '터미널' }).isVisible(), round);
    if (round === 'load') {
      await page.reload();
      await waitUsable(page);
    }
  }
  // The browser's Back goes to the previous place, too.
  await openFromSidebar(page, 'Day 50 : 프리티어 계정 만들기와 결제 알람 설정');
  await page.waitForFunction(() => location.hash === '#/ko/day-50-free-tier-billing-alarms');
  await page.goBack();
  await page.waitForFunction(() => decodeURIComponent(location.hash) === '#/ko/week-1-aws-vpc#subnet');
  await page.waitForFunction(() => document.querySelector('.lesson-article h1')?.textContent === '1주차 과제 : AWS와 VPC');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Types `query` into the search box in the page `runs` times and measures, with the page's clock, the time from
 * the input event to the results being in the DOM. Returns { best, ms, appMs, all, hits }: the best and the
 * median time, the median time the pane reports for the search itself, every time, and the hits as
 * { lesson, anchor, title, snippet, marks }. Other processes share the test machine's CPU, so a single run can
 * be slowed by them; the best of several runs is the search's own cost.
 */
async function search(page, query, runs = 7) {
  await page.locator('.lesson-search').focus();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await searchOnce(page, query));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    best: Math.min(...results.map((r) => r.ms)),
    ms: median(results.map((r) => r.ms)),
    appMs: median(results.map((r) => r.appMs)),
    all: results.map((r) => `${r.ms.toFixed(1)} (${r.appMs.toFixed(1)})`),
    hits: results.at(-1).hits,
  };
}

async function searchOnce(page, query) {
  return page.evaluate(async (q) => {
    const input = document.querySelector('.lesson-search');
    // Start from an empty box so the results that appear are this query's.
    if (input.value) {
      input.value = '';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((ok) => requestAnimationFrame(ok));
    }
    await new Promise((ok) => requestAnimationFrame(ok));
    const results = () => document.querySelector('.lesson-search-results .search-meta');
    const started = performance.now();
    const done = new Promise((ok) => {
      if (results()) return ok();
      const observer = new MutationObserver(() => {
        if (results()) {
          observer.disconnect();
          ok();
        }
      });
      observer.observe(document.querySelector('.lesson-pane'), { childList: true, subtree: true });
    });
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: q, inputType: 'insertText' }));
    await done;
    const ms = performance.now() - started;
    const hits = [...document.querySelectorAll('.search-hit')].map((hit) => ({
      lesson: hit.dataset.lesson,
      anchor: hit.dataset.anchor,
      title: hit.querySelector('.hit-title').textContent,
      snippet: hit.querySelector('.hit-snippet').textContent,
      marks: [...hit.querySelectorAll('mark')].map((m) => m.textContent),
    }));
    return { ms, appMs: Number(results().dataset.ms), hits };
  }, query);
}

test('search finds Korean words with particles and English words, highlighted, in under 50 ms', async () => {
  const { context, page, errors } = await open({ locale: 'ko-KR' });
  await page.locator('.lesson-pane[lang=ko]').waitFor();

  const ko = await search(page, '클러스터를');
  console.log(`search 클러스터를: ${ko.hits.length} hits, best ${ko.best.toFixed(1)} ms, median ${ko.ms.toFixed(1)} ms input to results ${JSON.stringify(ko.all)} (search ${ko.appMs.toFixed(2)} ms)`);
  assert.ok(ko.hits.length >= 5, `hits for 클러스터를: ${JSON.stringify(ko.hits)}`);
  for (const hit of ko.hits) {
    // Every hit shows the word in its snippet, highlighted, though the lessons write 클러스터 with other particles.
    assert.match(hit.snippet, /클러스터/, JSON.stringify(hit));
    assert.ok(hit.marks.join('').includes('클러스터') || hit.marks.some((m) => m.includes('클러')), JSON.stringify(hit));
  }
  assert.ok(ko.hits.some((h) => !h.snippet.includes('클러스터를')), 'a hit without the particle 를');
  assert.ok(ko.best < SEARCH_BUDGET_MS, `Korean search took ${ko.all} ms`);
  assert.ok(ko.appMs < SEARCH_BUDGET_MS, `Korean search reported ${ko.all} ms`);

  // A hit opens its lesson at its heading.
  const first = ko.hits[0];
  await page.locator('.search-hit').first().click();
  await page.waitForFunction(
    (want) => decodeURIComponent(location.hash) === want,
    `#/ko/${first.lesson}${first.anchor ? `#${first.anchor}` : ''}`,
  );
  assert.equal(await page.locator('.lesson-search').inputValue(), '', 'the search box clears');
  assert.equal(await page.locator('.lesson-search-results').count(), 0);
  if (first.anchor) {
    assert.ok(Math.abs(await headingOffset(page, first.anchor)) < 30);
    // Scrolled away, the same hit brings the reader back to the heading.
    await page.locator('.lesson-article').evaluate((a) => a.scrollTo(0, 0));
    await page.waitForTimeout(100);
    await page.locator('.lesson-search').fill('클러스터를');
    await page.locator(`.search-hit[data-lesson="${first.lesson}"][data-anchor="${first.anchor}"]`).click();
    await page.waitForFunction(
      (id) => {
        const article = document.querySelector('.lesson-article').getBoundingClientRect();
        return Math.abs(document.getElementById(`lesson-${id}`).getBoundingClientRect().top - article.top) < 30;
      },
      first.anchor,
    );
  }

  // English: words in any case, in the other language's lessons too; no match says so.
  await page.locator('.lang-toggle').click();
  await page.locator('.lesson-pane[lang=en]').waitFor();
  const en = await search(page, 'Route Table');
  console.log(`search Route Table: ${en.hits.length} hits, best ${en.best.toFixed(1)} ms, median ${en.ms.toFixed(1)} ms input to results ${JSON.stringify(en.all)} (search ${en.appMs.toFixed(2)} ms)`);
  assert.ok(en.hits.length >= 2, JSON.stringify(en.hits));
  assert.ok(en.hits.some((h) => h.lesson === 'week-1-aws-vpc'), JSON.stringify(en.hits));
  for (const hit of en.hits.slice(0, 3)) {
    assert.ok(hit.marks.some((m) => /^(route|table)s?$/i.test(m)), JSON.stringify(hit));
  }
  assert.ok(en.best < SEARCH_BUDGET_MS, `English search took ${en.all} ms`);
  assert.ok(en.appMs < SEARCH_BUDGET_MS, `English search reported ${en.all} ms`);
  const none = await search(page, 'zebra', 1);
  assert.equal(none.hits.length, 0);
  assert.equal(await page.locator('.lesson-search-results .empty').innerText(), 'No results');
  await page.locator('.lesson-search').press('Escape');
  await page.locator('.lesson-search-results').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the read checkmark persists; previous and next move through the course', async () => {
  const { context, page, errors } = await open({ hash: '#/en/day-49-aws-cloud-overview' });
  const footer = page.locator('.lesson-footer');
  assert.equal(await footer.locator('.lesson-nav.prev').count(), 0, 'no previous lesson before the first');
  const readButton = footer.locator('.lesson-read');
  assert.equal(await readButton.getAttribute('aria-pressed'), 'false');

  // Next marks the lesson read and opens the next one at its top.
  await footer.locator('.lesson-nav.next').click();
  await page.waitForFunction(() => location.hash === '#/en/day-50-free-tier-billing-alarms');
  assert.equal(await title(page), 'Day 50: Get a Free Tier Account & Enable Billing Alarms');
  assert.equal(await page.locator('.lesson-article').evaluate((a) => a.scrollTop), 0);
  assert.equal(await page.locator('.lesson-count').innerText(), '2 / 22');

  // The checkmark button marks this one too.
  await readButton.click();
  assert.equal(await readButton.getAttribute('aria-pressed'), 'true');
  assert.equal(await readButton.innerText(), '✓ Read');
  const readInSidebar = async () => {
    await page.locator('.lesson-toc-toggle').click();
    const read = await page.locator('.lesson-toc li.read .toc-title').allInnerTexts();
    // A click in the lesson closes the drawer.
    await page.locator('.lesson-article').click({ position: { x: 400, y: 300 } });
    await page.locator('.lesson-toc').waitFor({ state: 'hidden' });
    return read;
  };
  assert.deepEqual(await readInSidebar(), [
    'Day 49: AWS Cloud Overview',
    'Day 50: Get a Free Tier Account & Enable Billing Alarms',
  ]);

  // Both survive a reload; a second click unmarks.
  await page.reload();
  await waitUsable(page);
  assert.equal(await readButton.getAttribute('aria-pressed'), 'true');
  assert.equal((await readInSidebar()).length, 2);
  await readButton.click();
  assert.equal(await readButton.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await readInSidebar(), ['Day 49: AWS Cloud Overview']);

  // Previous goes back without marking anything.
  await footer.locator('.lesson-nav.prev').click();
  await page.waitForFunction(() => location.hash === '#/en/day-49-aws-cloud-overview');
  assert.equal(await readButton.getAttribute('aria-pressed'), 'true');
  // The last lesson has no next.
  await page.evaluate(() => {
    location.hash = '#/en/install-monitoring-service';
  });
  await page.waitForFunction(() => document.querySelector('.lesson-count')?.textContent === '22 / 22');
  assert.equal(await footer.locator('.lesson-nav.next').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('glossary terms show their definition only where meant', async () => {
  const { context, page, errors } = await open({ hash: '#/en/week-1-aws-vpc' });
  const terms = await page.locator('.lesson-article .term').evaluateAll((els) =>
    els.map((el) => ({ text: el.firstChild.textContent, def: el.querySelector('.term-def').textContent })),
  );
  const route53 = terms.find((t) => t.text === 'Route 53');
  assert.ok(route53 && /DNS/.test(route53.def), JSON.stringify(terms));
  assert.ok(!terms.some((t) => t.text === 'Route'), 'no OpenShift Route in an AWS lesson');
  // The definition shows on hover, inside the window.
  const vpc = page.locator('.lesson-article .term', { hasText: 'VPC' }).first();
  await vpc.hover();
  const tip = vpc.locator('.term-def');
  await tip.waitFor({ state: 'visible' });
  const box = await tip.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 1280, JSON.stringify(box));
  // A term at the right end of a line keeps its definition inside the article.
  const rightmost = await page.locator('.lesson-article .term').evaluateAll((els) => {
    const article = document.querySelector('.lesson-article').getBoundingClientRect();
    const visible = els.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top > article.top + 40 && r.bottom < article.bottom - 120;
    });
    visible.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
    return visible[0] && [...document.querySelectorAll('.lesson-article .term')].indexOf(visible[0]);
  });
  assert.ok(rightmost >= 0, 'a visible term');
  const far = page.locator('.lesson-article .term').nth(rightmost);
  await far.hover();
  const inside = await far.locator('.term-def').evaluate((el) => {
    const tip = el.getBoundingClientRect();
    const article = document.querySelector('.lesson-article').getBoundingClientRect();
    return { tipLeft: tip.left, tipRight: tip.right, articleLeft: article.left, articleRight: article.right };
  });
  assert.ok(inside.tipRight <= inside.articleRight && inside.tipLeft >= inside.articleLeft, JSON.stringify(inside));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lesson pane is comfortable at 1280×720 and at 1024 wide', async () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1024, height: 640 },
  ]) {
    const { context, page, errors } = await open({
      viewport,
      hash: '#/en/day-56-openshift-overview',
    });
    const m = await page.evaluate(() => {
      const article = document.querySelector('.lesson-article');
      const h1 = article.querySelector('h1');
      const p = article.querySelector('p');
      const lineHeight = parseFloat(getComputedStyle(h1).lineHeight);
      const term = document.querySelector('.term-scroll');
      return {
        articleWidth: article.clientWidth,
        h1Lines: Math.round(h1.getBoundingClientRect().height / lineHeight),
        paragraphWidth: p.getBoundingClientRect().width,
        overflow: article.scrollWidth - article.clientWidth,
        terminalWidth: term.clientWidth,
      };
    });
    console.log(`lesson pane at ${viewport.width}: ${JSON.stringify(m)}`);
    assert.ok(m.paragraphWidth >= 340, `text column ${m.paragraphWidth} px`);
    assert.ok(m.h1Lines <= 2, `the title takes ${m.h1Lines} lines`);
    assert.ok(m.overflow <= 0, `no sideways scrolling (${m.overflow} px)`);
    assert.ok(m.terminalWidth >= 540, `the terminal keeps ${m.terminalWidth} px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('screenshots of a Korean and an English lesson in both themes', async () => {
  for (const [lang, locale] of [
    ['ko', 'ko-KR'],
    ['en', 'en-US'],
  ]) {
    for (const colorScheme of ['dark', 'light']) {
      const { context, page, errors } = await open({ locale, colorScheme, hash: `#/${lang}/week-1-aws-vpc#subnet` });
      await page.locator(`.lesson-pane[lang=${lang}]`).waitFor();
      await page.screenshot({ path: join(screenshots, `lesson-${lang}-${colorScheme}.png`) });
      // The contents drawer and search results over the lesson.
      await page.locator('.lesson-search').fill(lang === 'ko' ? '클러스터를' : 'subnet');
      await page.locator('.search-hit').first().waitFor();
      await page.screenshot({ path: join(screenshots, `lesson-${lang}-${colorScheme}-search.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
  const { context, page } = await open({
    locale: 'ko-KR',
    viewport: { width: 1024, height: 640 },
    hash: '#/ko/arch-app-deployment-and-cluster-setup',
  });
  await page.screenshot({ path: join(screenshots, 'lesson-ko-1024.png') });
  await context.close();
});
