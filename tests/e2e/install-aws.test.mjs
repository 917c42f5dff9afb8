// End-to-end test of an installer-provisioned install on AWS: install-config.yaml written and
// `openshift-install create cluster` run from the terminal, then the VPC tab shows the cluster's VPC with its six
// subnets, NAT gateways, control plane and compute instances and its load balancers (the API's internal and external
// network load balancers and the router's classic ELB); `destroy cluster` empties the canvas again. Screenshots of
// the VPC tab at 1280×720 in both themes land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { joinedTerminal as joined, launch, openApp, runInTerminal } from './browser.mjs';
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

/** Opens the app in a fresh context and waits for a usable terminal. */
const open = (options) => openApp(browser, server.url, options);

/** Types a command into the terminal and waits until `expect` (default: its echo) appears once more than before. */
const run = (page, command, expect = command, timeout = 60_000) => runInTerminal(page, command, { expect, timeout });

const CONFIG = [
  'apiVersion: v1',
  'baseDomain: example.com',
  'compute:',
  '- name: worker',
  '  replicas: 3',
  'controlPlane:',
  '  name: master',
  '  replicas: 3',
  'metadata:',
  '  name: ocp4',
  'networking:',
  '  machineNetwork:',
  '  - cidr: 10.0.0.0/16',
  'platform:',
  '  aws:',
  '    region: ap-northeast-2',
  `pullSecret: '{"auths":{"cloud.openshift.com":{"auth":"b3BlbnNoaWZ0LXJlbGVhc2UtZGV2K29jbV9hY2Nlc3M6WFhYWA==","email":"student@example.com"}}}'`,
];

/** Writes install-config.yaml for ap-northeast-2 (the VPC tab's region) and runs `create cluster` in the terminal. */
async function install(page) {
  await run(page, 'mkdir aws');
  const printf = `printf '%s\\n' ${CONFIG.map((l) => `"${l.replaceAll('"', '\\"')}"`).join(' ')} > aws/install-config.yaml`;
  await run(page, printf);
  await run(page, 'openshift-install create cluster --dir aws', 'Install complete!', 180_000);
}

test('an IPI install on AWS shows its VPC, subnets and load balancers in the VPC tab', { timeout: 300_000 }, async () => {
  const { context, page, errors } = await open();
  await install(page);
  const text = await page.evaluate(joined);
  assert.match(text, /INFO Creating infrastructure resources\.\.\./);
  assert.match(text, /INFO Destroying the bootstrap resources\.\.\./);

  await page.click('#tab-vpc');
  const canvas = page.locator('svg.vpc-canvas');
  await canvas.waitFor();
  // The cluster's VPC is the newest non-default one, so the canvas shows it.
  await page.waitForFunction(() => document.querySelector('svg.vpc-canvas')?.textContent.includes('ocp4-'));
  const drawn = await canvas.textContent();
  assert.match(drawn, /10\.0\.0\.0\/16 · ocp4-[a-z0-9]{5}-vpc/);
  const subnets = await page.locator('svg.vpc-canvas g.vpc-subnet').count();
  assert.equal(subnets, 6, 'three private and three public subnets');
  for (const cidr of ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19', '10.0.96.0/21', '10.0.104.0/21', '10.0.112.0/21']) {
    assert.ok(drawn.includes(cidr), `subnet ${cidr} drawn`);
  }
  const lbs = page.locator('svg.vpc-canvas g.vpc-node.load-balancer');
  assert.equal(await lbs.count(), 3, 'the API load balancers and the router ELB');
  const lbText = (await lbs.allTextContents()).join('\n');
  assert.match(lbText, /ocp4-[a-z0-9]{5}-int/);
  assert.match(lbText, /network · internal · 6443,22623/);
  assert.match(lbText, /ocp4-[a-z0-9]{5}-ext/);
  assert.match(lbText, /classic · internet-facing · 80,443/);
  // Three masters and three workers run; the bootstrap instance was terminated after bootstrap-complete.
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-node.instance').count(), 6);
  assert.ok(!drawn.includes('-bootstrap'), 'no live bootstrap instance');
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-node.nat-gateway').count(), 3);
  // Nothing drawn outside the canvas: every node lies inside the VPC box.
  const box = await page.locator('svg.vpc-canvas g.vpc-box rect').first().boundingBox();
  assert.ok(box, 'the VPC box is drawn');
  for (const r of await lbs.evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect().toJSON()))) {
    assert.ok(r.y >= box.y && r.y + r.height <= box.y + box.height + 1, 'load balancer inside the VPC box');
    assert.ok(r.x >= box.x && r.x + r.width <= box.x + box.width + 1, 'load balancer inside the VPC box');
  }
  await page.screenshot({ path: join(screenshots, 'install-aws-vpc-dark.png') });
  await page.locator('svg.vpc-canvas g.vpc-box').screenshot({ path: join(screenshots, 'install-aws-vpc-box.png') });

  // The AWS CLI sees the same load balancers, and destroy cluster removes them with everything else.
  await run(page, 'aws elbv2 describe-load-balancers --query "LoadBalancers[].LoadBalancerName" --output text', '-ext');
  await run(page, 'openshift-install destroy cluster --dir aws', 'Uninstallation complete!', 60_000);
  await page.click('#tab-vpc');
  await page.waitForFunction(() => document.querySelectorAll('svg.vpc-canvas g.vpc-node.load-balancer').length === 0);
  // Only the default VPC is left, and the canvas falls back to it.
  const after = await canvas.textContent();
  assert.match(after, /172\.31\.0\.0\/16/);
  assert.ok(!after.includes('ocp4-'), 'nothing of the cluster is left');
  await page.screenshot({ path: join(screenshots, 'install-aws-vpc-destroyed.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the installed cluster in the VPC tab, light theme', { timeout: 300_000 }, async () => {
  const { context, page, errors } = await open({ colorScheme: 'light' });
  await install(page);
  await page.click('#tab-vpc');
  await page.waitForFunction(() => document.querySelectorAll('svg.vpc-canvas g.vpc-node.load-balancer').length === 3);
  await page.screenshot({ path: join(screenshots, 'install-aws-vpc-light.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
