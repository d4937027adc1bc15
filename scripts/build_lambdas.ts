// `npm run build:lambdas [-- api processor reporter] [--out DIR]`: bundles each Lambda handler
// (swc output in dist/, from `npm run build`) with esbuild into DIR/<name>.zip (default
// dist/lambda), plus DIR/native-layer.zip when a handler loads a native package, and prints
// each package's size. Exit 1 when a package cannot be built, 2 on usage errors.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLambdaFunctionName, LAMBDA_FUNCTIONS, type LambdaFunctionName } from './lambda/lambda-functions.js';
import { buildLambdaPackages, type BuildOutput, type BuiltLambda } from './lambda/lambda-packages.js';

const USAGE = 'usage: npm run build:lambdas [-- [all|api|processor|reporter ...] [--out DIR]]';

class UsageError extends Error {
  readonly code = 'USAGE';
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function selectedFunctions(args: readonly string[]): LambdaFunctionName[] {
  if (args.length === 0 || args.includes('all')) return [...LAMBDA_FUNCTIONS];
  const unknown = args.filter((a) => !isLambdaFunctionName(a));
  if (unknown.length > 0) throw new UsageError(`unknown function(s) ${unknown.join(', ')}; known: ${LAMBDA_FUNCTIONS.join(', ')}`);
  return args.filter(isLambdaFunctionName);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function report(root: string, output: BuildOutput): string {
  const line = (path: string, zipped: number, unzipped: number, note: string) =>
    `${relative(root, path).padEnd(30)} ${mb(zipped).padStart(9)} zipped ${mb(unzipped).padStart(9)} unzipped  ${note}`;
  const lines = output.functions.map((f) => {
    const top = f.contributors
      .slice(0, 4)
      .map((c) => `${c.source} ${mb(c.bytes)}`)
      .join(', ');
    const layer = f.nativePackages.length > 0 ? `; needs the native layer for ${f.nativePackages.join(', ')}` : '';
    return line(f.zipPath, f.zipBytes, f.unzippedBytes, `(largest: ${top}${layer})`);
  });
  if (output.layer)
    lines.push(
      line(output.layer.zipPath, output.layer.zipBytes, output.layer.unzippedBytes, '(native packages, /opt/nodejs/node_modules)'),
    );
  return `${lines.join('\n')}\n`;
}

/** Keeps entries of functions not rebuilt this time, so `build:lambdas api` does not forget the others. */
async function writeManifest(path: string, output: BuildOutput): Promise<void> {
  type Manifest = { functions: BuiltLambda[]; layer: BuildOutput['layer'] };
  const previous = await readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as Manifest,
    () => ({ functions: [], layer: null }) as Manifest,
  );
  const functions = [...previous.functions.filter((p) => !output.functions.some((b) => b.name === p.name)), ...output.functions];
  const manifest: Manifest = { functions: functions.sort((a, b) => a.name.localeCompare(b.name)), layer: output.layer ?? previous.layer };
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (process.stdout.write(`${USAGE}\n`), 0);
  const root = repoRoot();
  const outDir = resolve(values.out ?? join(root, 'dist', 'lambda'));
  const output = await buildLambdaPackages(root, selectedFunctions(positionals), outDir);
  await writeManifest(join(outDir, 'manifest.json'), output);
  process.stdout.write(report(root, output));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`build:lambdas: ${(error as Error).message}\n`);
    if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
