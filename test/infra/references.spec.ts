import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { missingPaths, mentionedPaths, npmScriptsNamed, terraformOutputsNamed } from './file-references.js';
import { loadTerraform, repoRoot } from './terraform-model.js';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const packageScripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
const workflowPath = '.github/workflows/deploy.yml';
const SHELL_SCRIPTS = [
  'scripts/deploy_lambdas.sh',
  'scripts/verify_deployment.sh',
  'scripts/test_pipeline.sh',
  'scripts/lib/deployment-env.sh',
  '.ci/run',
];
const DOCS = ['docs/ARCHITECTURE.md', 'docs/DEPLOYMENT.md', 'docs/MONITORING.md', 'docs/TROUBLESHOOTING.md', 'README.md'];

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly 'working-directory'?: string;
}
interface Job {
  readonly steps: Step[];
  readonly needs?: string[];
  readonly if?: string;
  readonly defaults?: { run?: { 'working-directory'?: string } };
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

describe('the deploy workflow, the scripts and the docs refer only to things that exist', () => {
  const workflowText = read(workflowPath);
  const workflow = parseYaml(workflowText) as Workflow;
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.run).map((s) => s.run!));

  it('the workflow parses, runs on pull requests and on main, and deploys only from main after the checks', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'terraform', 'deploy']);
    expect(workflow.jobs.deploy.needs).toEqual(['test', 'terraform']);
    expect(workflow.jobs.deploy.if).toContain("github.ref == 'refs/heads/main'");
    const commands = runs.join('\n');
    for (const step of [
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'terraform fmt -check',
      'terraform validate',
      'terraform plan',
      'terraform apply',
    ])
      expect(commands).toContain(step);
    for (const script of ['./scripts/deploy_lambdas.sh all', './scripts/verify_deployment.sh', 'npm run test:integration'])
      expect(commands).toContain(script);
  });

  it('the workflow uses only the documented secrets, and OIDC rather than stored keys', () => {
    const secrets = [...new Set([...workflowText.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]))].sort();
    expect(secrets).toEqual(['AWS_ROLE_ARN', 'SLACK_WEBHOOK_URL', 'TF_LOCK_TABLE', 'TF_STATE_BUCKET']);
    expect(workflowText).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
    expect(workflowText).toMatch(/id-token: write/);
  });

  it('every npm script the workflow, the scripts and the docs run exists in package.json', () => {
    const texts = [workflowText, ...SHELL_SCRIPTS.map(read), ...DOCS.filter((d) => existsSync(join(repoRoot, d))).map(read)];
    const named = [...new Set(texts.flatMap(npmScriptsNamed))].sort();
    expect(named).toEqual(expect.arrayContaining(['build:lambdas', 'test:integration']));
    expect(named.filter((n) => !packageScripts.includes(n))).toEqual([]);
  });

  it.each([workflowPath, ...SHELL_SCRIPTS, ...DOCS])('every repository path %s mentions exists', (file) => {
    if (!existsSync(join(repoRoot, file))) throw new Error(`${file} does not exist`);
    expect(missingPaths(repoRoot, read(file))).toEqual([]);
  });

  it('every workflow working-directory exists and every script a step runs is executable', () => {
    const dirs = Object.values(workflow.jobs).flatMap((job) => [
      job.defaults?.run?.['working-directory'],
      ...job.steps.map((s) => s['working-directory']),
    ]);
    expect(dirs.filter((d): d is string => Boolean(d)).filter((d) => !existsSync(join(repoRoot, d)))).toEqual([]);
    const scripts = runs.flatMap((r) => mentionedPaths(r)).filter((p) => p.endsWith('.sh'));
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const notExecutable = scripts.filter((script) => (statSync(join(repoRoot, script)).mode & 0o111) === 0);
    expect(notExecutable).toEqual([]);
  });

  it('every terraform output the scripts, the workflow and the docs read is declared in outputs.tf', async () => {
    const outputs = Object.keys((await loadTerraform()).root.outputs);
    const texts = [workflowText, ...SHELL_SCRIPTS.map(read), ...DOCS.filter((d) => existsSync(join(repoRoot, d))).map(read)];
    const named = [...new Set(texts.flatMap(terraformOutputsNamed))];
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !outputs.includes(n))).toEqual([]);
  });

  it('the reference extractors see what they should (and the checks could fail)', () => {
    const text =
      'run ./scripts/nope.sh then node dist/scripts/build_lambdas.js, cp dist/lambda/api.zip x, ls infra/terraform/*.tf test/e2e/aws-*.ts; npm run --silent build:lambdas -- api';
    expect(mentionedPaths(text)).toEqual(['dist/lambda/api.zip', 'dist/scripts/build_lambdas.js', 'scripts/nope.sh']);
    expect(missingPaths(repoRoot, text)).toEqual(['scripts/nope.sh']);
    expect(npmScriptsNamed(text)).toEqual(['build:lambdas']);
    expect(terraformOutputsNamed('terraform output -raw raw_bucket; resource DLQ_URL dlq_url')).toEqual(['dlq_url', 'raw_bucket']);
  });
});
