// End-to-end tests of the VPC tab: the week-1 network built through the builder's forms and canvas gives the same
// model (`aws ec2 describe-…` with IDs, addresses and times normalised) as the same network typed into the terminal
// of a fresh session; live validation shows EC2's error; a path is analysed and drawn. Screenshots of the VPC tab at
// 1280×720 in both languages and both themes land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { joinedTerminal as joined, launch, openApp, runInTerminal } from './browser.mjs';
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

/** Opens the app in a fresh context and waits for a usable terminal. */
const open = (options) => openApp(browser, server.url, options);

/** Types a command into the terminal (switching to its tab) and waits until its echo appears once more than before. */
const run = (page, command) => runInTerminal(page, command);

/** Runs a command after `clear` and returns everything it printed, joined (read with a tall viewport so no row is virtualised away). */
async function output(page, command) {
  await run(page, 'clear');
  await run(page, command);
  await page.waitForTimeout(100);
  const text = await page.evaluate(joined);
  return text.slice(text.indexOf(command) + command.length).trim();
}

/** Waits until the VPC tab's "last aws command" shows `line` (the builder ran it) and it succeeded. */
async function ranOk(page, line) {
  await page.waitForFunction(
    (l) => document.querySelector('.vpc-last .vpc-command')?.textContent === l,
    line,
    { timeout: 10_000 },
  );
  const failed = await page.$('.vpc-last.failed');
  assert.equal(failed, null, `${line} failed: ${await page.textContent('.vpc-last')}`);
}

/** Chooses the option of `select` whose text contains `text`. */
async function choose(page, select, text) {
  const value = await page.$eval(
    select,
    (el, t) => [...el.options].find((o) => o.textContent.includes(t))?.value,
    text,
  );
  assert.ok(value !== undefined, `no option containing ${text} in ${select}`);
  await page.selectOption(select, value);
}

const ADD = 'form[aria-label="Add"]';

/** Fills the add form for `kind` and runs it: `fields` maps a field name to a text (inputs), `{ option }` (selects) or a boolean (checkboxes). */
async function add(page, kind, fields = {}) {
  await page.selectOption(`${ADD} select[name=kind]`, kind);
  for (const [name, value] of Object.entries(fields)) {
    const sel = `${ADD} [name="${name}"]`;
    if (typeof value === 'boolean') await page.setChecked(sel, value);
    else if (typeof value === 'object') await choose(page, sel, value.option);
    else await page.fill(sel, value);
  }
  await page.waitForSelector(`${ADD} .vpc-valid`);
  const line = await page.textContent(`${ADD} .vpc-command`);
  await page.click(`${ADD} button.vpc-run`);
  await ranOk(page, line);
}

/** Clicks a canvas element (`g[data-id]`) whose text contains `text`, with class `cls`. */
async function pick(page, cls, text) {
  const g = page.locator(`svg.vpc-canvas g.${cls}`, { hasText: text }).first();
  await g.click({ position: { x: 12, y: 12 } });
}

/** Clicks an inspector button by its label and waits for its command. */
async function act(page, label) {
  const button = page.locator('.vpc-inspector button', { hasText: label }).first();
  const line = await button.getAttribute('title');
  await button.click();
  await ranOk(page, line);
}

async function buildWeek1ByGui(page) {
  await page.click('#tab-vpc');
  await add(page, 'vpc', { cidr: '10.0.0.0/16' });
  // Live validation: a subnet outside the VPC gets EC2's error and cannot be run.
  await page.selectOption(`${ADD} select[name=kind]`, 'subnet');
  await page.fill(`${ADD} [name=cidr]`, '10.1.0.0/24');
  await page.waitForSelector(`${ADD} .vpc-error`);
  assert.match(await page.textContent(`${ADD} .vpc-error`), /InvalidSubnet\.Range/);
  assert.equal(await page.isDisabled(`${ADD} button.vpc-run`), true);
  for (const [cidr, az] of [['10.0.1.0/24', '2a'], ['10.0.2.0/24', '2c'], ['10.0.11.0/24', '2a'], ['10.0.12.0/24', '2c']]) {
    await add(page, 'subnet', { cidr, az: { option: `ap-northeast-${az}` } });
  }
  for (const cidr of ['10.0.1.0/24', '10.0.2.0/24']) {
    await pick(page, 'vpc-subnet', cidr);
    await act(page, 'Toggle auto-assign public IP');
  }
  await add(page, 'igw');
  await pick(page, 'vpc-node.igw', 'IGW');
  await act(page, 'Attach to VPC');
  await add(page, 'rtb', { name: 'public-rt' });
  await add(page, 'route', { rtb: { option: 'public-rt' }, dest: '0.0.0.0/0', target: { option: 'IGW' } });
  for (const cidr of ['10.0.1.0/24', '10.0.2.0/24']) {
    await pick(page, 'vpc-subnet', cidr);
    await choose(page, '.vpc-inspector select[name=assoc-rtb]', 'public-rt');
    await act(page, 'Associate');
  }
  await add(page, 'eip');
  await add(page, 'nat', { subnet: { option: '10.0.1.0/24' } });
  await add(page, 'rtb', { name: 'private-rt' });
  await add(page, 'route', { rtb: { option: 'private-rt' }, dest: '0.0.0.0/0', target: { option: 'NAT' } });
  for (const cidr of ['10.0.11.0/24', '10.0.12.0/24']) {
    await pick(page, 'vpc-subnet', cidr);
    await choose(page, '.vpc-inspector select[name=assoc-rtb]', 'private-rt');
    await act(page, 'Associate');
  }
  await add(page, 'sg', { name: 'bastion-sg', desc: 'bastion' });
  await add(page, 'ingress', { group: { option: 'bastion-sg' }, proto: { option: 'tcp' }, port: '22', cidr: '0.0.0.0/0' });
  await add(page, 'sg', { name: 'private-sg', desc: 'private' });
  await add(page, 'ingress', { group: { option: 'private-sg' }, proto: { option: 'tcp' }, port: '22', source: { option: 'bastion-sg' } });
  await add(page, 'instance', { subnet: { option: '10.0.1.0/24' }, type: { option: 't3.micro' }, sg: { option: 'bastion-sg' }, name: 'bastion' });
  await add(page, 'instance', { subnet: { option: '10.0.11.0/24' }, type: { option: 't3.micro' }, sg: { option: 'private-sg' }, name: 'app-a' });
  await add(page, 'instance', { subnet: { option: '10.0.12.0/24' }, type: { option: 't3.micro' }, sg: { option: 'private-sg' }, name: 'app-c' });
}

/** The same network as the builder makes, typed as a learner would. */
const WEEK1_CLI = [
  'VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)',
  'PUBA=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)',
  'PUBC=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.2.0/24 --availability-zone ap-northeast-2c --query Subnet.SubnetId --output text)',
  'PRIA=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.11.0/24 --availability-zone ap-northeast-2a --query Subnet.SubnetId --output text)',
  'PRIC=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.0.12.0/24 --availability-zone ap-northeast-2c --query Subnet.SubnetId --output text)',
  'aws ec2 modify-subnet-attribute --subnet-id $PUBA --map-public-ip-on-launch',
  'aws ec2 modify-subnet-attribute --subnet-id $PUBC --map-public-ip-on-launch',
  'IGW=$(aws ec2 create-internet-gateway --query InternetGateway.InternetGatewayId --output text)',
  'aws ec2 attach-internet-gateway --internet-gateway-id $IGW --vpc-id $VPC',
  "PUBRT=$(aws ec2 create-route-table --vpc-id $VPC --tag-specifications 'ResourceType=route-table,Tags=[{Key=Name,Value=public-rt}]' --query RouteTable.RouteTableId --output text)",
  'aws ec2 create-route --route-table-id $PUBRT --destination-cidr-block 0.0.0.0/0 --gateway-id $IGW',
  'aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBA',
  'aws ec2 associate-route-table --route-table-id $PUBRT --subnet-id $PUBC',
  'EIP=$(aws ec2 allocate-address --domain vpc --query AllocationId --output text)',
  'NAT=$(aws ec2 create-nat-gateway --subnet-id $PUBA --allocation-id $EIP --query NatGateway.NatGatewayId --output text)',
  "PRIRT=$(aws ec2 create-route-table --vpc-id $VPC --tag-specifications 'ResourceType=route-table,Tags=[{Key=Name,Value=private-rt}]' --query RouteTable.RouteTableId --output text)",
  'aws ec2 create-route --route-table-id $PRIRT --destination-cidr-block 0.0.0.0/0 --nat-gateway-id $NAT',
  'aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIA',
  'aws ec2 associate-route-table --route-table-id $PRIRT --subnet-id $PRIC',
  'BSG=$(aws ec2 create-security-group --group-name bastion-sg --description bastion --vpc-id $VPC --query GroupId --output text)',
  'aws ec2 authorize-security-group-ingress --group-id $BSG --protocol tcp --port 22 --cidr 0.0.0.0/0',
  'PSG=$(aws ec2 create-security-group --group-name private-sg --description private --vpc-id $VPC --query GroupId --output text)',
  'aws ec2 authorize-security-group-ingress --group-id $PSG --protocol tcp --port 22 --source-group $BSG',
  "aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $PUBA --security-group-ids $BSG --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=bastion}]'",
  "aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $PRIA --security-group-ids $PSG --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=app-a}]'",
  "aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --subnet-id $PRIC --security-group-ids $PSG --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=app-c}]'",
];

const DESCRIBES = [
  'describe-vpcs',
  'describe-subnets',
  'describe-internet-gateways',
  'describe-addresses',
  'describe-nat-gateways',
  'describe-route-tables',
  'describe-security-groups',
  'describe-network-acls',
  'describe-instances',
];

/** Replaces resource IDs by their prefix, client tokens, IPv4 addresses (not CIDR blocks) and times by placeholders, and sorts arrays, so two sessions' models compare equal when only their random parts differ. */
function normalise(value) {
  if (Array.isArray(value)) {
    return value.map(normalise).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  if (typeof value === 'string') {
    return value
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, 'UUID')
      .replace(/\b([a-z]+(?:-[a-z]+)*)-[0-9a-f]{8,17}\b/g, '$1-*')
      .replace(/\b\d{1,3}(?:[.-]\d{1,3}){3}\b(?!\/)/g, 'IP')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g, 'TIME');
  }
  return value;
}

async function model(page) {
  await run(page, 'sleep 300');
  await page.setViewportSize({ width: 1280, height: 16000 });
  const out = {};
  for (const d of DESCRIBES) {
    const text = await output(page, `aws ec2 ${d}`);
    out[d] = normalise(JSON.parse(text));
  }
  return out;
}

test('the week-1 VPC built through the builder equals the one built through the CLI', { timeout: 240_000 }, async () => {
  const gui = await open();
  await buildWeek1ByGui(gui.page);
  // Every builder action ran as a command in the terminal's history.
  await gui.page.setViewportSize({ width: 1280, height: 16000 });
  const history = await output(gui.page, 'history');
  assert.match(history, /aws ec2 create-nat-gateway --subnet-id subnet-[0-9a-f]+ --allocation-id eipalloc-[0-9a-f]+/);
  assert.match(history, /aws ec2 attach-internet-gateway --internet-gateway-id igw-/);
  const fromGui = await model(gui.page);

  const cli = await open();
  for (const line of WEEK1_CLI) await run(cli.page, line);
  const fromCli = await model(cli.page);

  for (const d of DESCRIBES) assert.deepEqual(fromGui[d], fromCli[d], d);
  assert.equal(fromGui['describe-subnets'].Subnets.length, 8, 'four default subnets and the four built');
  assert.deepEqual(gui.errors, []);
  assert.deepEqual(cli.errors, []);
  await gui.context.close();
  await cli.context.close();
});

test('a terminal command redraws the canvas, and an analysed path shows its blocking hop', { timeout: 240_000 }, async () => {
  const { page, context, errors } = await open();
  for (const line of WEEK1_CLI) await run(page, line);
  await run(page, 'sleep 120');
  await page.click('#tab-vpc');
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-subnet').count(), 4);
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-subnet.public').count(), 2);
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-node.nat-gateway').count(), 1);
  assert.equal(await page.locator('svg.vpc-canvas g.vpc-node.bastion').count(), 1);
  assert.ok((await page.locator('svg.vpc-canvas g.vpc-route').count()) >= 4, 'route arrows');
  assert.match(await page.textContent('svg.vpc-canvas'), /10\.0\.1\.0\/24 · 249 free/);
  // SSH from the internet straight to a private instance is blocked; the explanation comes in both languages.
  const path = 'form[aria-label="Reachability analysis"]';
  await choose(page, `${path} select[name=source]`, 'Internet');
  await choose(page, `${path} select[name=destination]`, 'app-a');
  await page.click(`${path} button.vpc-run`);
  await page.waitForSelector('.vpc-result.blocked .vpc-why');
  const why = await page.textContent('.vpc-why');
  assert.match(why, /[A-Z_]{6,}/);
  assert.match(why, /[\uAC00-\uD7A3]/, 'the Korean explanation');
  assert.equal(await page.locator('svg.vpc-canvas .vpc-trace.blocked .vpc-trace-break').count(), 1);
  await page.screenshot({ path: join(screenshots, 'vpc-blocked.png') });
  // From the bastion to the private instance on port 22 the path is found and drawn green.
  await choose(page, `${path} select[name=source]`, 'bastion');
  await page.click(`${path} button.vpc-run`);
  await page.waitForSelector('.vpc-result.ok');
  assert.equal(await page.locator('svg.vpc-canvas .vpc-trace.ok').count(), 1);
  // The cost meter bills the NAT gateway and plots the accumulated charge.
  await page.click('summary:has-text("Cost meter")');
  assert.match(await page.textContent('.vpc-cost'), /NAT gateway hours/);
  assert.equal(await page.locator('.vpc-cost canvas').count(), 1);
  // The built network, the path and the open panels have no accessibility violations.
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document.querySelector('#panel-vpc'), { resultTypes: ['violations'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
  // Deleting the NAT gateway from the terminal turns the private route into a blackhole on the canvas.
  await run(page, 'aws ec2 delete-nat-gateway --nat-gateway-id $NAT');
  await run(page, 'sleep 120');
  await page.click('#tab-vpc');
  await page.waitForSelector('svg.vpc-canvas g.vpc-route.blackhole');
  // The exports name every resource kind built.
  await page.click('summary:has-text("Export")');
  await page.click('button:has-text("CloudFormation YAML")');
  const cfn = await page.textContent('.vpc-export-text');
  for (const kind of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::InternetGateway', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Instance']) {
    assert.ok(cfn.includes(kind), kind);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [locale, lang] of [['en-US', 'en'], ['ko-KR', 'ko']]) {
  for (const colorScheme of ['dark', 'light']) {
    test(`screenshot of the VPC tab, ${lang} ${colorScheme}`, { timeout: 120_000 }, async () => {
      const { page, context, errors } = await open({ locale, colorScheme });
      for (const line of WEEK1_CLI) await run(page, line);
      await run(page, 'sleep 120');
      await run(page, 'aws ec2 start-network-insights-analysis --network-insights-path-id $(aws ec2 create-network-insights-path --source $IGW --destination $(aws ec2 describe-instances --filters Name=tag:Name,Values=app-a --query "Reservations[0].Instances[0].InstanceId" --output text) --protocol tcp --destination-port 22 --query NetworkInsightsPath.NetworkInsightsPathId --output text)');
      await page.click('#tab-vpc');
      await page.waitForSelector('svg.vpc-canvas .vpc-trace');
      await page.click('details.vpc-section:has(.vpc-cost) > summary');
      await page.screenshot({ path: join(screenshots, `vpc-${lang}-${colorScheme}.png`) });
      // The panel under the canvas: the path's verdict and explanation, and the cost meter with its chart.
      await page.locator('.vpc-why').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `vpc-panel-${lang}-${colorScheme}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
