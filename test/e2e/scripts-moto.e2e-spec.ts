import { describeWhenAvailable } from '@pipeline/testing/describe-when-available.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describeWithMoto, type MotoHandle } from '@pipeline/testing/moto/describe-with-moto.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { runCli, stopProcess } from '@pipeline/testing/cli/run-cli.js';
import { LAMBDA_FUNCTIONS, sourceEntry } from '../../scripts/lambda/lambda-functions.js';
import { loadTerraform, repoRoot } from '../infra/terraform-model.js';

// What runs here: `pipeline aws provision` makes the data path on moto (as Terraform would on AWS);
// this test then creates the functions, the native layer and the seven alarms with Terraform's
// names and each function's environment exactly as lambdas.tf declares it, and runs the real
// scripts against that: deploy_lambdas.sh, verify_deployment.sh (functions run locally from
// their zips: moto executes Lambda code only through Docker), test_pipeline.sh (with
// `pipeline aws poll` playing the SQS event source mapping) and integration-tests.ts.
// What cannot run here: Lambda itself, API Gateway, EventBridge Scheduler firing, RDS (moto
// keeps only its metadata; the functions use the real PostgreSQL behind the provisioned secret).

const present = LAMBDA_FUNCTIONS.filter((fn) => existsSync(sourceEntry(repoRoot, fn)));
const missing = LAMBDA_FUNCTIONS.filter((fn) => !present.includes(fn));
if (missing.length > 0)
  console.warn(`scripts against moto: no handler yet for ${missing.join(', ')}: those functions are not created or checked.`);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const parseExports = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/^export (\w+)='((?:[^']|'\\'')*)'$/gm)].map((m) => [m[1], m[2].replace(/'\\''/g, "'")]));

const missingTools = ['aws', 'jq', 'openssl'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const describeWithTools = (title: string, body: () => void) =>
  describeWhenAvailable(
    title,
    missingTools.length ? `${missingTools.join(', ')} not on PATH (the scripts need the AWS CLI, jq and openssl)` : null,
    'the tools the scripts need',
    body,
  );

describeWithTools('deployment scripts', () =>
  describeWithRealPostgres('deployment scripts against moto', (pg) => {
    describeWithMoto('deploy, verify, smoke and integration tests', (moto: MotoHandle) => {
      const environment = `e2e${randomBytes(3).toString('hex')}`;
      const name = `data-pipeline-${environment}`;
      let work: string;
      let provisioned: Record<string, string>;
      let shellEnv: NodeJS.ProcessEnv;
      const aws = (args: readonly string[]) => run('aws', ['--endpoint-url', moto.url, ...args], shellEnv, 120_000);

      let managedSecretArn: string;
      /** Each function's environment as lambdas.tf declares it, with the emulator's resources as values. */
      async function terraformEnvironment(fn: string): Promise<Record<string, string>> {
        const declared = (await loadTerraform()).root.modules[fn].environment as Record<string, string>;
        const db = new URL(pg.url);
        const values: Record<string, string> = {
          ...provisioned,
          DB_SECRET_ARN: managedSecretArn,
          ENVIRONMENT: environment,
          LOG_LEVEL: 'info',
          NODE_OPTIONS: '', // enable_source_maps defaults to false
          DB_HOST: db.hostname,
          DB_PORT: db.port,
          DB_NAME: db.pathname.slice(1),
          MAX_RECEIVE_COUNT: '3',
          PARQUET_ROWS_PER_FILE: '1000000',
          REPORT_LINK_EXPIRY_SECONDS: '3600',
          API_MAX_BODY_BYTES: String(4 * 1024 * 1024),
          API_MAX_UPLOAD_BYTES: String(1024 * 1024 * 1024),
          UPLOAD_URL_TTL_SECONDS: '900',
          API_MAX_QUERY_DEPTH: '10',
          API_MAX_QUERY_COMPLEXITY: '50000',
          API_KEY_CACHE_SECONDS: '10',
        };
        const unknown = Object.keys(declared).filter((k) => values[k] === undefined);
        if (unknown.length > 0) throw new Error(`no emulator value for ${unknown.join(', ')} (declared in lambdas.tf for ${fn})`);
        return Object.fromEntries(Object.keys(declared).map((k) => [k, values[k]]));
      }

      beforeAll(async () => {
        work = mkdtempSync(join(tmpdir(), 'scripts-moto-'));
        shellEnv = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...moto.env,
          AWS_DEFAULT_REGION: 'us-east-1',
          PROJECT_NAME: 'data-pipeline',
          ENVIRONMENT: environment,
          TF_DIR: join(work, 'no-terraform-state'),
        };
        // The throwaway server trusts local connections; the database secret still needs a password.
        const databaseUrl = new URL(pg.url);
        databaseUrl.password ||= 'trusted-anyway';
        const provision = await runCli(['aws', 'provision', '--prefix', name], {
          ...moto.env,
          DATABASE_URL: databaseUrl.href,
          PIPELINE_MODE: 'aws',
        });
        if (provision.code !== 0) throw new Error(`pipeline aws provision failed:\n${provision.stderr}`);
        provisioned = parseExports(provision.stdout);
        Object.assign(shellEnv, provisioned, { RDS_DB_ID: `${name}-db` });

        // Shaped like the secret RDS manages for Terraform (manage_master_user_password): username and
        // password only, so host, port and database come from DB_HOST/DB_PORT/DB_NAME. (sslmode: the
        // local server has no TLS; RDS has.)
        const secret = JSON.stringify({ username: databaseUrl.username, password: databaseUrl.password, sslmode: 'disable' });
        const secretCreated = await aws([
          'secretsmanager',
          'create-secret',
          '--name',
          `${name}/rds-master`,
          '--secret-string',
          secret,
          '--query',
          'ARN',
          '--output',
          'text',
        ]);
        managedSecretArn = secretCreated.stdout.trim();
        const build = await run(process.execPath, ['dist/scripts/build_lambdas.js', ...present], shellEnv);
        if (build.code !== 0) throw new Error(`build_lambdas failed:\n${build.stderr}`);
        const role = await aws([
          'iam',
          'create-role',
          '--role-name',
          `${name}-fn`,
          '--assume-role-policy-document',
          '{"Version":"2012-10-17","Statement":[]}',
          '--query',
          'Role.Arn',
          '--output',
          'text',
        ]);
        const layer = await aws([
          'lambda',
          'publish-layer-version',
          '--layer-name',
          `${name}-native`,
          '--zip-file',
          'fileb://dist/lambda/native-layer.zip',
          '--query',
          'LayerVersionArn',
          '--output',
          'text',
        ]);
        for (const fn of present) {
          const envFile = join(work, `${fn}.env.json`);
          writeFileSync(envFile, JSON.stringify({ Variables: await terraformEnvironment(fn) }));
          const created = await aws([
            'lambda',
            'create-function',
            '--function-name',
            `${name}-${fn}`,
            '--runtime',
            'nodejs22.x',
            '--handler',
            'index.handler',
            '--role',
            role.stdout.trim(),
            '--zip-file',
            `fileb://dist/lambda/${fn}.zip`,
            '--environment',
            `file://${envFile}`,
            '--layers',
            layer.stdout.trim(),
          ]);
          if (created.code !== 0) throw new Error(`create-function ${fn}: ${created.stderr}`);
        }
        const alarms = [
          ...present.map((fn) => `${name}-${fn}-error-rate`),
          `${name}-processing-p99`,
          `${name}-dlq-depth`,
          `${name}-rds-cpu`,
          `${name}-data-stale`,
        ];
        for (const alarm of alarms)
          await aws([
            'cloudwatch',
            'put-metric-alarm',
            '--alarm-name',
            alarm,
            '--namespace',
            'AWS/Lambda',
            '--metric-name',
            'Errors',
            '--statistic',
            'Sum',
            '--period',
            '300',
            '--evaluation-periods',
            '1',
            '--threshold',
            '1',
            '--comparison-operator',
            'GreaterThanThreshold',
          ]);
        await aws([
          'rds',
          'create-db-instance',
          '--db-instance-identifier',
          `${name}-db`,
          '--engine',
          'postgres',
          '--db-instance-class',
          'db.t4g.micro',
          '--master-username',
          'pipeline_admin',
          '--master-user-password',
          'not-used-here-1',
          '--allocated-storage',
          '20',
          '--storage-encrypted',
        ]);
      }, 600_000);
      afterAll(() => rmSync(work, { recursive: true, force: true }));

      it('deploy_lambdas.sh uploads changed code, publishes a version, skips unchanged code and refuses bad arguments', async () => {
        for (const fn of present) {
          const forced = await run('./scripts/deploy_lambdas.sh', [fn, 'us-east-1'], { ...shellEnv, SKIP_BUILD: '1', FORCE: '1' });
          expect({
            fn,
            code: forced.code,
            published: /published version \d+/.test(forced.stderr),
            stderr: forced.code === 0 ? '' : forced.stderr,
          }).toEqual({ fn, code: 0, published: true, stderr: '' });
          expect(forced.stderr).not.toMatch(/warning: .*layer/);
          const again = await run('./scripts/deploy_lambdas.sh', [fn, 'us-east-1'], { ...shellEnv, SKIP_BUILD: '1' });
          expect([again.code, again.stderr]).toEqual([0, expect.stringContaining(`${name}-${fn}: unchanged`)]);
        }
        expect((await run('./scripts/deploy_lambdas.sh', ['everything', 'us-east-1'], shellEnv)).code).toBe(2);
        const absent = await run('./scripts/deploy_lambdas.sh', [present[0], 'us-east-1'], {
          ...shellEnv,
          SKIP_BUILD: '1',
          ENVIRONMENT: 'nowhere',
        });
        expect([absent.code, absent.stderr]).toEqual([1, expect.stringContaining('run terraform apply in infra/terraform first')]);
      }, 300_000);

      let verifyOutput = '';
      it('verify_deployment.sh checks every resource, runs each function on {"test": true} and reads the alarms', async () => {
        const verified = await run('./scripts/verify_deployment.sh', ['us-east-1'], shellEnv);
        verifyOutput = verified.stderr;
        console.log(`verify_deployment.sh against moto:\n${verifyOutput}`);
        const resources = [
          'raw bucket',
          'processed bucket',
          'reports bucket',
          'processing queue',
          'dead-letter queue',
          'event table',
          'report history table',
        ];
        resources.push(
          'alerts topic',
          'reports topic',
          'RDS',
          `${present.length + 4} alarms in OK`,
          ...present.map((fn) => `function ${name}-${fn} \\(nodejs22.x`),
        );
        for (const resource of resources)
          expect({ resource, ok: new RegExp(`^  ok    ${resource}`, 'm').test(verifyOutput) }).toEqual({ resource, ok: true });
        expect(verifyOutput).toMatch(new RegExp(`^  ok    ${name}-processor answers \\{"test": true\\}: \\{"ok":true`, 'm'));
        const failed = (verifyOutput.match(/^  FAIL /gm) ?? []).length;
        expect(verified.code).toBe(failed === 0 ? 0 : 1);
      }, 300_000);

      it('every function answers {"test": true} with exactly the environment lambdas.tf gives it', () => {
        const unhealthy = LAMBDA_FUNCTIONS.filter(
          (fn) => !new RegExp(`^  ok    ${name}-${fn} answers \\{"test": true\\}`, 'm').test(verifyOutput),
        );
        const reasons = unhealthy.map(
          (fn) => verifyOutput.split('\n').find((l) => l.includes(`${name}-${fn}`) && l.includes('FAIL')) ?? `${fn}: no handler`,
        );
        expect(reasons).toEqual([]);
      });

      it('verify_deployment.sh fails on an alarm in ALARM and names it', async () => {
        await aws([
          'cloudwatch',
          'set-alarm-state',
          '--alarm-name',
          `${name}-dlq-depth`,
          '--state-value',
          'ALARM',
          '--state-reason',
          'e2e',
        ]);
        try {
          const verified = await run('./scripts/verify_deployment.sh', ['us-east-1'], shellEnv);
          expect([verified.code, verified.stderr]).toEqual([1, expect.stringContaining(`alarms not OK: ${name}-dlq-depth=ALARM`)]);
        } finally {
          await aws(['cloudwatch', 'set-alarm-state', '--alarm-name', `${name}-dlq-depth`, '--state-value', 'OK', '--state-reason', 'e2e']);
        }
      }, 300_000);

      describe('with `pipeline aws poll` delivering the queue to the processor', () => {
        let poller: ChildProcess;
        beforeAll(() => {
          poller = spawn(process.execPath, [join(repoRoot, 'bin/pipeline.js'), 'aws', 'poll'], {
            cwd: repoRoot,
            env: { ...process.env, ...shellEnv, ...provisioned },
            stdio: 'ignore',
          });
        });
        afterAll(() => stopProcess(poller), 60_000);

        it('test_pipeline.sh uploads its fixture and sees it processed: JSON Lines, Parquet, quarantine, IngestionCompleted', async () => {
          const smoke = await run('./scripts/test_pipeline.sh', ['us-east-1'], { ...shellEnv, SMOKE_TIMEOUT_SECONDS: '180' });
          expect({ code: smoke.code, stderr: smoke.code === 0 ? '' : smoke.stderr }).toEqual({ code: 0, stderr: '' });
          for (const check of [
            '5 good rows',
            'Parquet output beside it',
            'the ragged row is in quarantine/',
            'ends with IngestionCompleted',
          ])
            expect(smoke.stderr).toMatch(new RegExp(`ok    .*${check}`));
        }, 300_000);

        it('integration-tests.ts passes against the emulator (functions run locally from their zips)', async () => {
          const args = [
            'dist/scripts/integration-tests.js',
            '--bucket',
            provisioned.RAW_BUCKET,
            '--region',
            'us-east-1',
            '--environment',
            environment,
            '--timeout',
            '180',
          ];
          const result = await run(process.execPath, args, shellEnv);
          console.log(`integration-tests.ts against moto:\n${result.stdout}${result.stderr}`);
          for (const check of [
            'an uploaded CSV is stored',
            'an unreadable file is rejected',
            'a direct invocation',
            'the dead-letter queue',
          ])
            expect(result.stdout).toMatch(new RegExp(`^PASS  ${check}`, 'm'));
          expect(result.stdout).toMatch(/^SKIP  the API answers GET \/health: no --api-url given/m);
          // `every function answers {"test": true}` is asserted above, on verify_deployment.sh's run.
          expect(result.code).toBe(/^FAIL /m.test(result.stdout) ? 1 : 0);
        }, 600_000);
      });
    });
  }),
);
