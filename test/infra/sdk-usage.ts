import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from './terraform-model.js';

const ALIASES: Readonly<Record<string, string>> = {
  '@pipeline/domain/': 'libs/domain/src/',
  '@pipeline/application/': 'libs/application/src/',
  '@pipeline/adapters/': 'libs/adapters/src/',
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

function resolveImport(fromFile: string, spec: string): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
  const base = alias
    ? join(repoRoot, ALIASES[alias], spec.slice(alias.length))
    : spec.startsWith('.')
      ? resolve(dirname(fromFile), spec)
      : null;
  if (!base) return null;
  const candidate = base.replace(/\.js$/, '.ts');
  return existsSync(candidate) ? candidate : null;
}

/** Every source file an entry reaches through static and dynamic imports (`import('./x.js')` included). */
export function reachableFiles(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const next = resolveImport(file, match[1]);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen].sort();
}

/** The AWS service of an SDK module, as IAM names it. */
const SERVICE_OF: Readonly<Record<string, string>> = {
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/lib-storage': 's3',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
};

/** SDK commands whose IAM action is not simply `service:<Name>`. */
const SPECIAL: Readonly<Record<string, readonly string[]>> = {
  's3:HeadObject': ['s3:GetObject'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:Upload': ['s3:PutObject', 's3:AbortMultipartUpload'], // lib-storage multipart upload
  'dynamodb:Get': ['dynamodb:GetItem'],
  'dynamodb:Put': ['dynamodb:PutItem'],
  'dynamodb:Update': ['dynamodb:UpdateItem'],
  'dynamodb:Delete': ['dynamodb:DeleteItem'],
  'dynamodb:TransactWrite': ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  'dynamodb:TransactWriteItems': ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  'dynamodb:TransactGet': ['dynamodb:GetItem'],
  'dynamodb:BatchGet': ['dynamodb:BatchGetItem'],
  'dynamodb:BatchWrite': ['dynamodb:BatchWriteItem'],
};

export interface SdkCall {
  readonly file: string;
  readonly call: string;
  readonly actions: readonly string[];
}

/** `service:Name` → the IAM actions it needs (`SendMessageBatch` needs `sqs:SendMessage`). */
export function iamActionsFor(call: string): string[] {
  if (SPECIAL[call]) return [...SPECIAL[call]];
  const [service, name] = call.split(':');
  return [`${service}:${name.replace(/Batch$/, '')}`];
}

/** The SDK calls a file makes: `new XCommand(` / `new Upload(` on names it imports from an AWS SDK module. */
export function sdkCalls(file: string, source = readFileSync(file, 'utf8')): SdkCall[] {
  const imported = new Map<string, { service: string; name: string }>(); // local name → SDK export
  for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[\w-]+)'/g)) {
    const service = SERVICE_OF[match[2]];
    if (!service) continue;
    for (const part of match[1].split(',')) {
      const [name, local = name] = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/);
      if (name) imported.set(local, { service, name });
    }
  }
  const calls: SdkCall[] = [];
  for (const match of source.matchAll(/\bnew\s+(\w+)\s*\(/g)) {
    const sdk = imported.get(match[1]);
    if (!sdk || !(sdk.name.endsWith('Command') || sdk.name === 'Upload')) continue;
    const call = `${sdk.service}:${sdk.name.replace(/Command$/, '')}`;
    calls.push({ file, call, actions: iamActionsFor(call) });
  }
  return calls;
}
