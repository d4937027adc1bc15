// Integration tests against a deployed pipeline (the seed's integration_tests.py, in TypeScript):
//
//   npm run test:integration -- --bucket RAW_BUCKET --region us-east-1 --environment prod [--api-url URL]
//
// The other resources are read from the deployed processor's environment
// (${project}-${environment}-processor), so the checks test what is actually deployed. Against an
// emulator (AWS_ENDPOINT_URL) functions are run locally from dist/lambda (--invoke local, the
// default there) and something must deliver the queue to the processor (`npx pipeline aws poll`).
// Needs the AWS CLI for the Lambda calls. Exit 0 when every check passed or was skipped.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CheckSkipped, INTEGRATION_CHECKS } from './integration/integration-checks.js';
import { createIntegrationContext, type IntegrationOptions } from './integration/integration-context.js';

const USAGE = `usage: npm run test:integration -- --bucket RAW_BUCKET --region REGION --environment ENV
       [--project data-pipeline] [--api-url URL] [--invoke aws|local] [--timeout SECONDS] [--only SUBSTRING]`;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function parseOptions(argv: readonly string[]): (IntegrationOptions & { only: string | undefined }) | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      bucket: { type: 'string' },
      region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
      environment: { type: 'string' },
      project: { type: 'string', default: 'data-pipeline' },
      'api-url': { type: 'string' },
      invoke: { type: 'string', default: process.env.AWS_ENDPOINT_URL ? 'local' : 'aws' },
      timeout: { type: 'string', default: '300' },
      only: { type: 'string' },
    },
  });
  if (!values.bucket || !values.environment || (values.invoke !== 'aws' && values.invoke !== 'local')) return null;
  return {
    rawBucket: values.bucket,
    region: values.region,
    environment: values.environment,
    project: values.project,
    invoke: values.invoke,
    apiUrl: values['api-url'],
    root: repoRoot(),
    timeoutSeconds: Number(values.timeout),
    only: values.only,
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return (process.stderr.write(`${USAGE}\n`), 2);
  process.env.AWS_REGION = options.region;
  const ctx = await createIntegrationContext(options);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    for (const check of INTEGRATION_CHECKS.filter((c) => !options.only || c.name.includes(options.only))) {
      const started = Date.now();
      try {
        const detail = await check.run(ctx);
        counts.passed++;
        process.stdout.write(`PASS  ${check.name} (${Date.now() - started} ms): ${detail}\n`);
      } catch (error) {
        const skipped = error instanceof CheckSkipped;
        counts[skipped ? 'skipped' : 'failed']++;
        process.stdout.write(`${skipped ? 'SKIP' : 'FAIL'}  ${check.name}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    ctx.close();
  }
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  return counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`integration-tests: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
