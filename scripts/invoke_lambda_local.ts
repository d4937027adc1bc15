// Invokes a built Lambda package in a fresh node process laid out like a Lambda container, the
// way `aws lambda invoke` would invoke the deployed function (moto cannot run Lambda without
// Docker, so verify_deployment.sh uses this against emulators):
//
//   node dist/scripts/invoke_lambda_local.js processor --payload '{"test": true}' \
//     --env-json "$(aws lambda get-function-configuration --function-name NAME --query Environment.Variables)" out.json
//
// Prints {"StatusCode":200[,"FunctionError":"Unhandled"]} like the AWS CLI, writes the response
// payload to OUTFILE and the function's logs to stderr. Exit 2 on usage errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLambdaFunctionName, NATIVE_LAYER, packagePath } from './lambda/lambda-functions.js';
import { invokeLocally } from './lambda/local-invoker.js';

const USAGE =
  'usage: node dist/scripts/invoke_lambda_local.js <api|processor|reporter|FILE.zip> [--payload JSON] [--env-json JSON] [--layer ZIP] [--function-name NAME] OUTFILE';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** The native layer when the manifest says this function loads native packages (as Terraform attaches it). */
function defaultLayers(outDir: string, name: string): string[] {
  const manifestPath = join(outDir, 'manifest.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { functions: { name: string; nativePackages: string[] }[] };
  const needs = manifest.functions.find((f) => f.name === name)?.nativePackages.length ?? 0;
  return needs > 0 ? [packagePath(outDir, NATIVE_LAYER)] : [];
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      payload: { type: 'string', default: '{}' },
      'env-json': { type: 'string', default: '{}' },
      layer: { type: 'string', multiple: true, default: [] },
      'function-name': { type: 'string' },
    },
  });
  const [target, outfile] = positionals;
  if (!target || !outfile) return (process.stderr.write(`${USAGE}\n`), 2);
  const outDir = join(repoRoot(), 'dist', 'lambda');
  const functionZip = isLambdaFunctionName(target) ? packagePath(outDir, target) : target;
  if (!existsSync(functionZip)) return (process.stderr.write(`no package at ${functionZip}: run npm run build:lambdas\n`), 2);
  const layers = values.layer.length > 0 ? values.layer : isLambdaFunctionName(target) ? defaultLayers(outDir, target) : [];
  const result = await invokeLocally({
    functionZip,
    layerZips: layers,
    payload: JSON.parse(values.payload) as unknown,
    environment: (JSON.parse(values['env-json']) as Record<string, string> | null) ?? {},
    functionName: values['function-name'] ?? target,
    onLog: (text) => process.stderr.write(text),
  });
  writeFileSync(outfile, JSON.stringify(result.payload));
  process.stdout.write(
    `${JSON.stringify({ StatusCode: 200, ...(result.ok ? {} : { FunctionError: 'Unhandled' }), ExecutedVersion: '$LATEST' })}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`invoke_lambda_local: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
