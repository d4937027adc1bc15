import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { reachableFiles, sdkCalls } from './sdk-usage.js';
import { asList, loadTerraform, nested, repoRoot, type TerraformConfig } from './terraform-model.js';

const FUNCTIONS = ['api', 'processor', 'reporter'] as const;
const entry = (fn: string) => join(repoRoot, 'apps', fn, 'src', 'lambda.ts');
const present = FUNCTIONS.filter((fn) => existsSync(entry(fn)));
if (present.length < FUNCTIONS.length)
  console.warn(`IAM least privilege: no handler yet for ${FUNCTIONS.filter((f) => !present.includes(f)).join(', ')}; not compared.`);

/** The IAM actions the code reachable from a handler calls through the AWS SDK, with where each call is. */
function neededBy(fn: string): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  for (const file of reachableFiles(entry(fn)))
    for (const call of sdkCalls(file))
      for (const action of call.actions) needed.set(action, [...(needed.get(action) ?? []), `${relative(repoRoot, file)} (${call.call})`]);
  return needed;
}

function grantedTo(config: TerraformConfig, fn: string): Set<string> {
  const statements = nested(config.root.data.aws_iam_policy_document[fn], 'statement').filter((s) => (s.effect ?? 'Allow') === 'Allow');
  return new Set(statements.flatMap((s) => asList(s.actions)));
}

// Granted for the service's sake rather than called by the code: KMS for the SSE-encrypted topic the reporter publishes to.
const SERVICE_SIDE: Readonly<Record<string, readonly string[]>> = { reporter: ['kms:GenerateDataKey', 'kms:Decrypt'] };

describe('IAM: each function may do what its code calls through the AWS SDK, and nothing else', () => {
  let config: TerraformConfig;
  beforeAll(async () => {
    config = await loadTerraform();
  });

  it('finds SDK calls the way the adapters write them', () => {
    const source = `import { GetObjectCommand, HeadObjectCommand as Head } from '@aws-sdk/client-s3';
      import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
      import { Upload } from '@aws-sdk/lib-storage';
      const a = new GetObjectCommand({}); const b = new Head({}); const c = new TransactWriteCommand({}); const d = new Upload({}); const e = new Date();`;
    expect(sdkCalls('x.ts', source).map((c) => [c.call, c.actions])).toEqual([
      ['s3:GetObject', ['s3:GetObject']],
      ['s3:HeadObject', ['s3:GetObject']],
      ['dynamodb:TransactWrite', ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']],
      ['s3:Upload', ['s3:PutObject', 's3:AbortMultipartUpload']],
    ]);
  });

  it.each(present)('%s is granted no action its reachable code never calls', (fn) => {
    const needed = neededBy(fn);
    const extra = [...grantedTo(config, fn)].filter((a) => !needed.has(a) && !(SERVICE_SIDE[fn] ?? []).includes(a));
    expect(extra).toEqual([]);
  });

  it('every action the Lambda code calls is granted to a function', () => {
    const granted = new Set(present.flatMap((fn) => [...grantedTo(config, fn)]));
    const needed = new Map(present.flatMap((fn) => [...neededBy(fn)]));
    expect(needed.size).toBeGreaterThan(10);
    const missing = [...needed].filter(([action]) => !granted.has(action)).map(([action, where]) => `${action}: ${where[0]}`);
    expect(missing).toEqual([]);
  });
});
