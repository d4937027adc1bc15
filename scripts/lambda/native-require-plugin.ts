import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

export const NATIVE_NAMESPACE = 'native-require';

/**
 * Packages with native binaries cannot be bundled. Instead of leaving an ESM `import` (which
 * resolves only from node_modules next to the bundle), each import becomes a CommonJS
 * `require()` at runtime: that honours NODE_PATH, so the package is found both in the zip and
 * in the native layer Lambda mounts at /opt/nodejs/node_modules. Lazy `import()`s stay lazy.
 *
 * The stand-in is an ES module with the package's export names (read from the installed package
 * at build time): with code splitting, a lazily imported CommonJS module would otherwise offer
 * only `default`, and `const { DuckDBInstance } = await import(…)` would get undefined.
 */
export function nativeRequirePlugin(packages: readonly string[], root = process.cwd()): Plugin {
  const escaped = packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`^(${escaped.join('|')})(/.*)?$`);
  return {
    name: NATIVE_NAMESPACE,
    setup(build) {
      const buildRoot = build.initialOptions.absWorkingDir ?? root;
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: NATIVE_NAMESPACE }));
      // `load` rather than a direct require("…") call, which esbuild would try to bundle again.
      build.onLoad({ filter: /.*/, namespace: NATIVE_NAMESPACE }, (args) => {
        const names = exportNames(buildRoot, args.path);
        // Aliased locals, so an export named like a reserved word (`delete`) is still valid syntax.
        const locals = names.map((name, i) => `const __native${i} = native[${JSON.stringify(name)}];`).join(' ');
        const named = names.length > 0 ? `${locals} export { ${names.map((name, i) => `__native${i} as ${name}`).join(', ')} };` : '';
        return {
          contents: `const load = require; const native = load(${JSON.stringify(args.path)}); export default native; ${named}`,
          loader: 'js',
        };
      });
    },
  };
}

/** The identifiers a CommonJS package exports, as the installed package reports them. */
function exportNames(root: string, specifier: string): string[] {
  let loaded: unknown;
  try {
    loaded = createRequire(join(root, 'package.json'))(specifier);
  } catch (error) {
    throw new BundleError(`${specifier} must be installed to be packaged for the native layer: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return Object.keys(loaded as object).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
}

/** The native packages a bundle loads, from its esbuild metafile (`native-require:@duckdb/node-api`). */
export function nativePackagesIn(inputs: Readonly<Record<string, unknown>>, packages: readonly string[]): string[] {
  const prefix = `${NATIVE_NAMESPACE}:`;
  const found = Object.keys(inputs)
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length))
    .flatMap((path) => packages.filter((p) => path === p || path.startsWith(`${p}/`)));
  return [...new Set(found)].sort();
}
