import { join } from 'node:path';

/** The deployed functions: each has apps/<name>/src/lambda.ts exporting `handler`. */
export const LAMBDA_FUNCTIONS = ['api', 'processor', 'reporter'] as const;
export type LambdaFunctionName = (typeof LAMBDA_FUNCTIONS)[number];

/** Terraform's `handler`: index.mjs inside the zip, export `handler`. */
export const LAMBDA_HANDLER = 'index.handler';
export const BUNDLE_FILE = 'index.mjs';

/** dist/lambda/native-layer.zip: packages with native binaries, mounted by Lambda at /opt/nodejs/node_modules. */
export const NATIVE_LAYER = 'native-layer';

/** What Lambda runs: Terraform pins `nodejs22.x` on x86_64 (the native packages shipped are linux-x64 glibc builds). */
export const LAMBDA_TARGET = { node: 'node22', os: 'linux', cpu: 'x64', libc: 'glibc' } as const;

export function isLambdaFunctionName(name: string): name is LambdaFunctionName {
  return (LAMBDA_FUNCTIONS as readonly string[]).includes(name);
}

/** The swc output of apps/<name>/src/lambda.ts (`npm run build`), which esbuild bundles. */
export function compiledEntry(root: string, name: LambdaFunctionName): string {
  return join(root, 'dist', 'apps', name, 'src', 'lambda.js');
}

export function sourceEntry(root: string, name: LambdaFunctionName): string {
  return join(root, 'apps', name, 'src', 'lambda.ts');
}

export function packagePath(outDir: string, name: string): string {
  return join(outDir, `${name}.zip`);
}

/** Exit status of invoke-runner when the handler threw (0 when it returned; anything else is a crash). */
export const FUNCTION_ERROR_EXIT = 3;
