// End-to-end tests of the AWS tab: a CodePipeline run from a `git push` in the terminal, approved in the panel,
// rolls the new image out to the cluster (seen in the Cluster tab); a pushed branch's pull request is listed and
// merged from the panel; the IAM policy simulator answers implicitDeny
// for an action the user's policy does not allow and names the deciding statement when it allows; the identity
// switch makes the terminal act as that user. Screenshots of every section at 1280×720 in both languages and both
// themes land in screenshots/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { collectErrors, launch } from './browser.mjs';
import { distDir, serveDist } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Accessibility violations axe-core finds in the AWS tab's current section, as one line each. */
async function axeViolations(page, label) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run('.aws-view', { resultTypes: ['violations'] }));
  return result.violations.map((v) => {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    return `${label}: ${v.id} (${v.impact}): ${v.help} — ${where} — ${v.nodes[0]?.any?.[0]?.message ?? ''}`;
  });
}
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

/** Opens the app in a fresh context and waits until the terminal is usable. */
async function open({ locale = 'en-US', colorScheme = 'dark' } = {}) {
  const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url);
  await page.waitForFunction(
    () => {
      const input = document.querySelector('input[aria-label="Terminal input"], input[aria-label="터미널 입력"]');
      const prompt = input?.parentElement?.querySelector('.prompt')?.textContent ?? '';
      return input && !input.disabled && prompt.length > 0;
    },
    null,
    { timeout: 90_000 },
  );
  return { context, page, errors };
}

/** Opens the Terminal tab, types `command` and presses Enter; the engine runs it synchronously, so once the input
 * is cleared (and a frame painted) the command has run. */
async function term(page, command) {
  await page.click('#tab-terminal');
  const input = page.locator('.term-input-line input');
  await input.fill(command);
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('.term-input-line input')?.value === '', null, {
    timeout: 30_000,
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

/** The terminal's text with wrapped rows joined back (and line breaks dropped), for matching long lines. */
const logText = async (page) => (await page.getByRole('log').innerText()).replace(/\n/g, '');

/** Opens the AWS tab at a section of its side navigation. */
async function aws(page, section) {
  await page.click('#tab-aws');
  await page.click(`#aws-nav-${section}`);
}

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const action = (name, category, provider, configuration) => ({
  name,
  actionTypeId: { category, owner: 'AWS', provider, version: '1' },
  ...(configuration ? { configuration } : {}),
});

// The cluster's image catalogue has no images a build pushes, so Deploy rolls out a tagged catalogue image.
const NEW_IMAGE = 'registry.access.redhat.com/ubi9/nginx-122:latest';
const PIPELINE = JSON.stringify({
  pipeline: {
    name: 'shop-web',
    roleArn: 'arn:aws:iam::123456789012:role/shop-pipeline',
    artifactStore: { type: 'S3', location: 'shop-artifacts' },
    stages: [
      { name: 'Source', actions: [action('Source', 'Source', 'CodeCommit', { RepositoryName: 'shop-web', BranchName: 'main' })] },
      { name: 'Build', actions: [action('Build', 'Build', 'CodeBuild', { ProjectName: 'shop-build' })] },
      { name: 'Test', actions: [action('UnitTests', 'Test', 'CodeBuild', { ProjectName: 'shop-test' })] },
      { name: 'Approval', actions: [action('Approve', 'Approval', 'Manual')] },
      {
        name: 'Deploy',
        actions: [action('Deploy', 'Deploy', 'EKS', { ClusterName: 'bastion', Namespace: 'shop', Deployment: 'web', Image: NEW_IMAGE })],
      },
    ],
  },
});

/** Creates the repository, the pipeline's service role and the pipeline; clones the repository into ~/shop-web. */
async function setUpPipeline(page) {
  await term(page, 'oc new-project shop');
  await term(page, 'oc create deployment web --image=quay.io/redhattraining/hello-world-nginx:v1.0');
  await term(page, 'aws codecommit create-repository --repository-name shop-web --query repositoryMetadata.cloneUrlHttp --output text');
  await term(page, `echo '${TRUST}' > trust.json`);
  await term(page, 'aws iam create-role --role-name shop-pipeline --assume-role-policy-document file://trust.json --query Role.Arn --output text');
  await term(page, `echo '${PIPELINE}' > pipeline.json`);
  await term(page, 'aws codepipeline create-pipeline --cli-input-json file://pipeline.json --query pipeline.name --output text');
  await term(page, 'git clone https://git-codecommit.ap-northeast-2.amazonaws.com/v1/repos/shop-web');
  await term(page, 'cd shop-web');
  await term(page, "echo '<h1>shop</h1>' > index.html");
  await term(page, 'mkdir tests');
}

/** The status the stage diagram shows for each stage of `pipeline`. */
async function stageStatuses(page, pipeline) {
  return page.$$eval(`.pipeline[data-pipeline="${pipeline}"] .stage`, (stages) =>
    Object.fromEntries(stages.map((s) => [s.dataset.stage, s.dataset.status])),
  );
}

test('a git push runs the pipeline, a failing test stops it, approval in the panel deploys to the cluster', async () => {
  const { context, page, errors } = await open();
  await setUpPipeline(page);

  // A failing smoke test stops the pipeline at the Test stage.
  await term(page, "echo 'echo FAIL; exit 1' > tests/smoke.sh");
  await term(page, 'git add .');
  await term(page, "git commit -m 'first cut'");
  await term(page, 'git push');
  await aws(page, 'code');
  const card = page.locator('.pipeline[data-pipeline="shop-web"]');
  await card.waitFor();
  assert.equal((await stageStatuses(page, 'shop-web')).Source, 'InProgress', 'the push started an execution');
  await term(page, 'sleep 200');
  await aws(page, 'code');
  assert.deepEqual(await stageStatuses(page, 'shop-web'), {
    Source: 'Succeeded',
    Build: 'Succeeded',
    Test: 'Failed',
    Approval: 'none',
    Deploy: 'none',
  });
  assert.match(await card.locator('[data-action="UnitTests"] .action-summary').innerText(), /tests\/smoke\.sh/);

  // Fix the test and push again: the run waits for approval.
  await term(page, "echo 'curl -f localhost' > tests/smoke.sh");
  await term(page, 'git add .');
  await term(page, "git commit -m 'fix the smoke test'");
  await term(page, 'git push');
  await term(page, 'sleep 200');
  await aws(page, 'code');
  assert.deepEqual(await stageStatuses(page, 'shop-web'), {
    Source: 'Succeeded',
    Build: 'Succeeded',
    Test: 'Succeeded',
    Approval: 'InProgress',
    Deploy: 'none',
  });
  await page.screenshot({ path: join(screenshots, 'aws-pipeline-approval-en-dark.png') });

  // Approve in the panel: the terminal shows the equivalent command and its answer.
  await card.locator('button.approve').click();
  await term(page, 'sleep 60');
  const log = await logText(page);
  assert.match(log, /aws codepipeline put-approval-result --pipeline-name shop-web --stage-name Approval --action-name Approve/);
  assert.match(log, /"approvedAt"/);
  await aws(page, 'code');
  assert.deepEqual(await stageStatuses(page, 'shop-web'), {
    Source: 'Succeeded',
    Build: 'Succeeded',
    Test: 'Succeeded',
    Approval: 'Succeeded',
    Deploy: 'Succeeded',
  });
  await page.screenshot({ path: join(screenshots, 'aws-pipeline-deployed-en-dark.png') });

  // The Cluster tab shows a running pod of the new ReplicaSet; its description names the new image.
  await term(page, 'sleep 30');
  await term(page, "oc get deploy web -n shop -o jsonpath='{.spec.template.spec.containers[0].image}'");
  assert.match(await logText(page), new RegExp(NEW_IMAGE.replace(/[.]/g, '\\.')));
  await page.click('#tab-cluster');
  const chips = page.locator('.pod-chip[title^="shop/web-"]');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.pod-chip[title^="shop/web-"]')].some((c) => c.title.endsWith('Running')),
    null,
    { timeout: 20_000 },
  );
  let found = false;
  for (const chip of await chips.all()) {
    if (!(await chip.getAttribute('title')).endsWith('Running')) continue;
    await chip.click();
    const details = await page.locator('.cv-details pre').first().innerText();
    if (details.includes(NEW_IMAGE)) {
      found = true;
      break;
    }
  }
  assert.ok(found, 'a running pod of shop/web describes the image the pipeline deployed');
  await page.screenshot({ path: join(screenshots, 'aws-pipeline-cluster-en-dark.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a branch pushed from the terminal and its pull request are listed, and the panel merges it', async () => {
  const { context, page, errors } = await open();
  await term(page, 'aws codecommit create-repository --repository-name notes');
  await term(page, 'git clone https://git-codecommit.ap-northeast-2.amazonaws.com/v1/repos/notes');
  await term(page, 'cd notes');
  await term(page, "echo '# notes' > README.md");
  await term(page, 'git add README.md');
  await term(page, "git commit -m 'first notes'");
  await term(page, 'git push');
  await term(page, 'git checkout -b feature-login');
  await term(page, "echo '<form>login</form>' > login.html");
  await term(page, 'git add login.html');
  await term(page, "git commit -m 'Add login page'");
  await term(page, 'git push -u origin feature-login');
  assert.match(await logText(page), /\* \[new branch\]\s+feature-login -> feature-login/);
  await term(page, "aws codecommit create-pull-request --title 'Add login page' --targets repositoryName=notes,sourceReference=feature-login");
  await aws(page, 'code');
  assert.match(await page.locator('#code-repos').innerText(), /feature-login, main/);
  const row = page.locator('#code-pulls tr[data-pull-request="1"]');
  assert.match(await row.innerText(), /Add login page/);
  assert.match(await row.innerText(), /feature-login → main/);
  await page.screenshot({ path: join(screenshots, 'aws-code-pull-request-en-dark.png') });
  assert.deepEqual(await axeViolations(page, 'en dark code pull request'), []);
  await row.getByRole('button').click();
  await page.locator('#code-pulls').waitFor({ state: 'detached' });
  await page.click('#tab-terminal');
  assert.match(await logText(page), /aws codecommit merge-pull-request-by-fast-forward --pull-request-id 1 --repository-name notes/);
  assert.match(await logText(page), /"mergeOption": "FAST_FORWARD_MERGE"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the IAM simulator answers implicitDeny and allowed, and the terminal switches to the user', async () => {
  const { context, page, errors } = await open();
  await term(page, 'aws iam create-user --user-name reader');
  await term(page, 'aws iam attach-user-policy --user-name reader --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess');
  await aws(page, 'iam');
  const form = page.locator('#iam-simulator');
  await form.locator('select[name=principal]').selectOption('arn:aws:iam::123456789012:user/reader');
  await form.locator('input[name=action]').fill('ec2:RunInstances');
  await form.locator('input[name=resource]').fill('*');
  await form.locator('button[type=submit]').click();
  const result = page.locator('#sim-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-decision'), 'implicitDeny');
  await page.screenshot({ path: join(screenshots, 'aws-iam-implicit-deny-en-dark.png') });

  await form.locator('input[name=action]').fill('ec2:DescribeInstances');
  await form.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#sim-result')?.dataset.decision === 'allowed');
  assert.match(await result.innerText(), /ReadOnlyAccess/, 'the deciding statement is named');

  // The terminal ran the same simulation.
  await page.click('#tab-terminal');
  assert.match(await logText(page), /"EvalDecision": "implicitDeny"/);

  // Step 6 of the notes: act as the user; launching is denied with AWS's message, reading is allowed.
  await aws(page, 'iam');
  await page.locator('#iam-users tr[data-user="reader"] button.switch-user').click();
  await page.waitForFunction(() => document.querySelector('#aws-identity')?.textContent.endsWith('user/reader'));
  await term(page, 'aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro');
  assert.match(
    await logText(page),
    /An error occurred \(UnauthorizedOperation\) when calling the RunInstances operation: You are not authorized to perform this operation\. User: arn:aws:iam::123456789012:user\/reader is not authorized to perform: ec2:RunInstances/,
  );
  await aws(page, 'iam');
  await page.getByRole('button', { name: 'Back to student' }).click();
  await page.waitForFunction(() => document.querySelector('#aws-identity')?.textContent.endsWith('user/student'));
  assert.deepEqual(errors, []);
  await context.close();
});

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Two managed instances tagged Env=dev (with the SSM role), one without a role, and a resource group by tag. */
async function setUpFleet(page) {
  await term(page, `echo '${EC2_TRUST}' > ec2-trust.json`);
  await term(page, 'aws iam create-role --role-name SSMInstanceRole --assume-role-policy-document file://ec2-trust.json --query Role.RoleName --output text');
  await term(page, 'aws iam attach-role-policy --role-name SSMInstanceRole --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
  await term(page, 'aws iam create-instance-profile --instance-profile-name SSMInstanceProfile --query InstanceProfile.Arn --output text');
  await term(page, 'aws iam add-role-to-instance-profile --instance-profile-name SSMInstanceProfile --role-name SSMInstanceRole');
  await term(page, "aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --count 2 --iam-instance-profile Name=SSMInstanceProfile --tag-specifications 'ResourceType=instance,Tags=[{Key=Env,Value=dev},{Key=Name,Value=web}]' --query 'Instances[].InstanceId' --output text");
  await term(page, "aws ec2 run-instances --image-id ami-0c9c942bd7bf113a2 --instance-type t3.micro --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=bare}]' --query 'Instances[].InstanceId' --output text");
  await term(page, `aws resource-groups create-group --name dev-servers --resource-query '{"Type":"TAG_FILTERS_1_0","Query":"{\\"ResourceTypeFilters\\":[\\"AWS::EC2::Instance\\"],\\"TagFilters\\":[{\\"Key\\":\\"Env\\",\\"Values\\":[\\"dev\\"]}]}"}' --query Group.Name --output text`);
  await term(page, 'sleep 60');
}

test('Systems Manager: the fleet view, Run Command from the panel with output per instance, and patching', async () => {
  const { context, page, errors } = await open();
  await setUpFleet(page);
  await aws(page, 'ssm');
  const rows = page.locator('#ssm-fleet tbody tr');
  assert.equal(await rows.count(), 3);
  const status = await rows.evaluateAll((trs) => trs.map((tr) => [tr.cells[1].innerText, tr.cells[2].innerText.split('\n')[0]]));
  assert.deepEqual(status.map((s) => s.join(' ')).sort(), ['bare Not managed', 'web Online', 'web Online']);
  assert.match(await page.locator('#ssm-groups').innerText(), /dev-servers\s+Env=dev/);

  const form = page.locator('#ssm-run');
  await form.locator('textarea').fill('hostname');
  await form.locator('select').selectOption('dev-servers');
  await form.locator('button[type=submit]').click();
  await term(page, 'sleep 10');
  await aws(page, 'ssm');
  const command = page.locator('.ssm-command').first();
  assert.match(await command.innerText(), /AWS-RunShellScript/);
  const outputs = await command.locator('pre.aws-out').allInnerTexts();
  assert.equal(outputs.length, 2, 'one output per managed instance of the group');
  for (const out of outputs) assert.match(out, /^ip-172-31-\d+-\d+\.ap-northeast-2\.compute\.internal/);
  const before = await page.locator('#ssm-fleet').innerText();
  assert.match(before, /NON_COMPLIANT/);
  await page.screenshot({ path: join(screenshots, 'aws-ssm-run-command-en-dark.png') });

  await page.getByRole('button', { name: 'Install patches (AWS-RunPatchBaseline)' }).click();
  await term(page, 'sleep 10');
  assert.match(await logText(page), /aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=resource-groups:Name,Values=dev-servers --parameters Operation=Install/);
  await aws(page, 'ssm');
  const after = await page.locator('#ssm-fleet').innerText();
  assert.doesNotMatch(after, /NON_COMPLIANT/);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [locale, lang] of [['en-US', 'en'], ['ko-KR', 'ko']]) {
  for (const theme of ['dark', 'light']) {
    test(`screenshots and axe-core checks of every AWS section (${lang}, ${theme})`, async () => {
      const { context, page, errors } = await open({ locale, colorScheme: theme });
      await term(page, 'aws iam create-user --user-name reader');
      await term(page, 'aws iam attach-user-policy --user-name reader --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess');
      await term(page, 'aws iam create-group --group-name developers');
      await term(page, 'aws iam add-user-to-group --group-name developers --user-name reader');
      await setUpFleet(page);
      await setUpPipeline(page);
      await term(page, "echo 'curl -f localhost' > tests/smoke.sh");
      await term(page, 'git add .');
      await term(page, "git commit -m 'first release'");
      await term(page, 'git push');
      await term(page, 'sleep 200');
      await term(page, 'cd');
      await term(page, 'aws cloudwatch put-metric-alarm --alarm-name billing-1usd --metric-name EstimatedCharges --namespace AWS/Billing --statistic Maximum --period 21600 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --region us-east-1');
      await term(page, 'sleep 86400');
      await aws(page, 'iam');
      const form = page.locator('#iam-simulator');
      await form.locator('select[name=principal]').selectOption('arn:aws:iam::123456789012:user/reader');
      await form.locator('button[type=submit]').click();
      await page.locator('#sim-result').waitFor();
      await page.screenshot({ path: join(screenshots, `aws-iam-${lang}-${theme}.png`) });
      const violations = await axeViolations(page, `${lang} ${theme} iam`);
      await aws(page, 'ssm');
      await page.locator('#ssm-run button[type=submit]').click();
      await term(page, 'sleep 10');
      await aws(page, 'ssm');
      await page.screenshot({ path: join(screenshots, `aws-ssm-${lang}-${theme}.png`) });
      violations.push(...(await axeViolations(page, `${lang} ${theme} ssm`)));
      await aws(page, 'code');
      await page.screenshot({ path: join(screenshots, `aws-code-${lang}-${theme}.png`) });
      violations.push(...(await axeViolations(page, `${lang} ${theme} code`)));
      await aws(page, 'billing');
      const mtd = await page.locator('#billing-mtd').innerText();
      assert.match(mtd, /^\$\d+\.\d\d$/);
      await page.screenshot({ path: join(screenshots, `aws-billing-${lang}-${theme}.png`) });
      await page.locator('#billing-savings').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `aws-savings-${lang}-${theme}.png`) });
      violations.push(...(await axeViolations(page, `${lang} ${theme} billing`)));
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
