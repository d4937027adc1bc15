import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BundleError } from './bundle-error.js';
import { withEagerModuleFactories } from './eager-module-factories.js';
import { BUNDLE_FILE, LAMBDA_TARGET } from './lambda-functions.js';
import { nativePackagesIn, nativeRequirePlugin } from './native-require-plugin.js';
import { localOnlyStubPlugin, LOCAL_ONLY_NAMESPACE } from './local-only-stub-plugin.js';
import { lazyCommonJsPlugin } from './lazy-commonjs-plugin.js';
import { typeormDriversPlugin } from './typeorm-drivers-plugin.js';
import { pgNodeStreamsPlugin } from './pg-node-streams-plugin.js';
import { esmBuildPlugin } from './esm-build-plugin.js';
import type { ZipEntry } from './zip-archive.js';

/**
 * Optional imports the code never reaches on Lambda (Nest's microservices/websockets, the
 * validation pipes, Apollo federation, native pg). Left out of the bundle and out of the zip.
 */
export const NEVER_LOADED = [
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  'class-transformer',
  'class-transformer/*',
  'class-validator',
  'ts-morph',
  '@apollo/gateway',
  '@apollo/gateway/*',
  '@apollo/subgraph',
  '@apollo/subgraph/*',
  '@as-integrations/fastify',
  'pg-native',
  'aws-crt',
  '@aws-sdk/signature-v4-crt',
] as const;

/**
 * Per function, packages its code path never loads although a shared import names them: Nest's
 * NestFactory require()s @nestjs/platform-express (express, body-parser, iconv-lite, multer, mime-db:
 * ~1 MB of JavaScript) only when an HTTP app is created, which the processor and reporter never do.
 * Left out, they are not parsed on every cold start.
 */
export const NOT_LOADED_BY: Readonly<Record<string, readonly string[]>> = {
  processor: ['@nestjs/platform-express', '@nestjs/platform-express/*'],
  reporter: ['@nestjs/platform-express', '@nestjs/platform-express/*'],
};

/** Packages with native binaries esbuild cannot bundle: loaded with require() from the native layer (see native-require-plugin). */
export const NATIVE_PACKAGES = ['@duckdb/node-api', '@duckdb/node-bindings'] as const;

// Dependencies in CommonJS (pg, TypeORM, …) call require(); ESM output has none, so give it one.
const BANNER =
  "import { createRequire as __lambdaCreateRequire } from 'node:module'; const require = __lambdaCreateRequire(import.meta.url);";

export interface BundleResult {
  readonly name: string;
  /** Everything that goes into the function's zip: index.mjs, the lazily loaded chunks/*.mjs and their source maps. */
  readonly files: readonly ZipEntry[];
  /** Native packages the bundle require()s at runtime: they go into the native layer. */
  readonly nativePackages: readonly string[];
  /** Bundled bytes per npm package ("(app)" for this repository's code), largest first. */
  readonly contributors: readonly { readonly source: string; readonly bytes: number }[];
  readonly metafile: Metafile;
}

/** Bundles one compiled handler (swc output, decorator metadata intact) into a tree-shaken ESM file. */
export async function bundleLambda(root: string, name: string, entry: string): Promise<BundleResult> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [BUNDLE_FILE.replace(/\.mjs$/, '')]: entry },
    outdir: join(root, 'dist', 'lambda', name),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Each `await import()` (SDK clients, credential providers, DuckDB, rarely used adapters) becomes its
    // own chunk, read and parsed only when first imported: a cold start parses what its event needs.
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    target: LAMBDA_TARGET.node,
    mainFields: ['module', 'main'], // ESM builds (AWS SDK v3's dist-es) tree-shake better
    banner: { js: BANNER },
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
    external: [...NEVER_LOADED, ...(NOT_LOADED_BY[name] ?? [])],
    plugins: [
      nativeRequirePlugin(NATIVE_PACKAGES),
      typeormDriversPlugin(),
      pgNodeStreamsPlugin(),
      esmBuildPlugin(),
      localOnlyStubPlugin(),
      lazyCommonJsPlugin(),
    ],
    keepNames: true, // code-first GraphQL and Nest DI read class names at runtime
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((error: unknown) => {
    throw new BundleError(`${name}: esbuild failed: ${(error as Error).message}`, { cause: error });
  });
  rejectDevDependencies(root, name, result.metafile);
  const outdir = join(root, 'dist', 'lambda', name);
  const files = withEagerModuleFactories(
    result.outputFiles.map((f) => ({ path: relative(outdir, f.path), data: Buffer.from(f.contents) })),
  ).sort((a, b) => a.path.localeCompare(b.path));
  const nativePackages = nativePackagesIn(result.metafile.inputs, NATIVE_PACKAGES);
  return { name, files, nativePackages, contributors: contributors(result.metafile), metafile: result.metafile };
}

/** The package a module path belongs to: `node_modules/@scope/name/...` → `@scope/name`. */
export function packageOf(path: string): string | null {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(path);
  return match ? match[1] : null;
}

function rejectDevDependencies(root: string, name: string, metafile: Metafile): void {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const bundled = new Set(Object.keys(metafile.inputs).flatMap((p) => packageOf(p) ?? []));
  const offenders = [...bundled].filter((p) => dev.has(p));
  if (offenders.length > 0)
    throw new BundleError(`${name}: the bundle pulls in devDependencies ${offenders.join(', ')}; runtime code must not import them`);
}

function contributors(metafile: Metafile): { source: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [path, input] of Object.entries(output.inputs)) {
      if (path.startsWith('native-require:') || path.startsWith(`${LOCAL_ONLY_NAMESPACE}:`)) continue;
      const source = packageOf(path) ?? '(app)';
      totals.set(source, (totals.get(source) ?? 0) + input.bytesInOutput);
    }
  return [...totals].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}
