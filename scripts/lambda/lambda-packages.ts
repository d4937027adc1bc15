import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BundleError } from './bundle-error.js';
import { bundleLambda, NATIVE_PACKAGES } from './lambda-bundler.js';
import { compiledEntry, LAMBDA_HANDLER, NATIVE_LAYER, packagePath, sourceEntry, type LambdaFunctionName } from './lambda-functions.js';
import { shippedPackageFiles } from './shipped-packages.js';
import { writeZip, type ZipEntry } from './zip-archive.js';

interface PackageFacts {
  readonly zipPath: string;
  readonly zipBytes: number;
  readonly unzippedBytes: number;
  /** base64 SHA-256 of the zip: Terraform's filebase64sha256 and Lambda's CodeSha256. */
  readonly sha256: string;
}

/** One built function package, as recorded in dist/lambda/manifest.json. */
export interface BuiltLambda extends PackageFacts {
  readonly name: LambdaFunctionName;
  readonly handler: string;
  /** Native packages the function loads from the native layer; empty when it needs no layer. */
  readonly nativePackages: readonly string[];
  readonly contributors: readonly { readonly source: string; readonly bytes: number }[];
}

export interface BuildOutput {
  readonly functions: readonly BuiltLambda[];
  /** The native layer (nodejs/node_modules/…), built when any of the functions needs it. */
  readonly layer: PackageFacts | null;
}

/** Bundles each function's compiled handler into `<outDir>/<name>.zip` (+ `<name>.meta.json`, esbuild's metafile) and the native layer. */
export async function buildLambdaPackages(root: string, names: readonly LambdaFunctionName[], outDir: string): Promise<BuildOutput> {
  await mkdir(outDir, { recursive: true });
  const functions: BuiltLambda[] = [];
  for (const name of names) functions.push(await buildFunction(root, name, outDir));
  const needsLayer = functions.some((f) => f.nativePackages.length > 0);
  const layer = needsLayer
    ? await writePackage(packagePath(outDir, NATIVE_LAYER), shippedPackageFiles(root, NATIVE_PACKAGES, 'nodejs/node_modules'))
    : null;
  return { functions, layer };
}

async function buildFunction(root: string, name: LambdaFunctionName, outDir: string): Promise<BuiltLambda> {
  const entry = compiledEntry(root, name);
  if (!existsSync(entry)) {
    const source = sourceEntry(root, name);
    const hint = existsSync(source) ? 'run `npm run build` first' : `${relative(root, source)} does not exist yet`;
    throw new BundleError(`${name}: no compiled handler at ${relative(root, entry)}: ${hint}`);
  }
  const bundle = await bundleLambda(root, name, entry);
  await writeFile(join(outDir, `${name}.meta.json`), JSON.stringify(bundle.metafile));
  const facts = await writePackage(packagePath(outDir, name), bundle.files);
  return { name, ...facts, handler: LAMBDA_HANDLER, nativePackages: bundle.nativePackages, contributors: bundle.contributors.slice(0, 8) };
}

async function writePackage(zipPath: string, files: readonly ZipEntry[]): Promise<PackageFacts> {
  const zip = writeZip(files);
  await writeFile(zipPath, zip);
  return {
    zipPath,
    zipBytes: zip.length,
    unzippedBytes: files.reduce((sum, f) => sum + f.data.length, 0),
    sha256: createHash('sha256').update(zip).digest('base64'),
  };
}
