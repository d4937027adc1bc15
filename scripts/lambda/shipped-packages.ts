import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { LAMBDA_TARGET } from './lambda-functions.js';
import { BundleError } from './bundle-error.js';
import type { ZipEntry } from './zip-archive.js';

interface PackageManifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

// Types, docs and third-party source maps are dead weight on Lambda.
const SKIPPED_FILE = /(\.d\.[cm]?ts|\.d\.[cm]?ts\.map|\.md|\.js\.map|\.tsbuildinfo)$/i;

/**
 * The files of the given packages and their production dependencies, as `<prefix>/<pkg>/…` zip
 * entries (`nodejs/node_modules` for a layer). Optional platform packages
 * (`@duckdb/node-bindings-linux-x64`) are taken only for Lambda's platform; a native package
 * without one installed is an error, not a broken deploy.
 */
export function shippedPackageFiles(root: string, packages: readonly string[], prefix: string): ZipEntry[] {
  const dirs = new Map<string, string>();
  const visit = (name: string, from: string, optional: boolean) => {
    if (dirs.has(name)) return;
    const dir = resolvePackageDir(root, from, name);
    if (!dir) {
      if (optional) return;
      throw new BundleError(`cannot ship ${name}: not installed (run npm ci)`);
    }
    const manifest = readManifest(dir);
    if (!matchesLambdaPlatform(manifest)) return;
    dirs.set(name, dir);
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
    requirePlatformBuild(name, manifest, dirs);
  };
  for (const name of packages) visit(name, root, false);
  return [...dirs].flatMap(([name, dir]) => filesUnder(dir).map((file) => entryFor(`${prefix}/${name}`, dir, file)));
}

function resolvePackageDir(root: string, from: string, name: string): string | null {
  for (let dir = from; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) break;
  }
  return null;
}

function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

export function matchesLambdaPlatform(manifest: Pick<PackageManifest, 'os' | 'cpu' | 'libc'>): boolean {
  const fits = (allowed: readonly string[] | undefined, value: string) => !allowed || allowed.includes(value);
  return fits(manifest.os, LAMBDA_TARGET.os) && fits(manifest.cpu, LAMBDA_TARGET.cpu) && fits(manifest.libc, LAMBDA_TARGET.libc);
}

/** A package whose optional dependencies are per-platform builds needs the linux-x64 one. */
function requirePlatformBuild(name: string, manifest: PackageManifest, shipped: ReadonlyMap<string, string>): void {
  const optional = Object.keys(manifest.optionalDependencies ?? {});
  const platformSpecific = optional.filter((dep) => /(linux|darwin|win32)-(x64|arm64)/.test(dep));
  if (platformSpecific.length === 0 || platformSpecific.some((dep) => shipped.has(dep))) return;
  throw new BundleError(
    `cannot ship ${name}: none of its platform builds for ${LAMBDA_TARGET.os}-${LAMBDA_TARGET.cpu} (${LAMBDA_TARGET.libc}) is installed; ` +
      `on another OS run: npm install --no-save --os=${LAMBDA_TARGET.os} --cpu=${LAMBDA_TARGET.cpu} --libc=${LAMBDA_TARGET.libc} ${name}`,
  );
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...filesUnder(path));
    } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

function entryFor(packageRoot: string, dir: string, file: string): ZipEntry {
  const mode = statSync(file).mode & 0o111 ? 0o755 : 0o644;
  return { path: `${packageRoot}/${relative(dir, file).split('\\').join('/')}`, data: readFileSync(file), mode };
}
