import type { Plugin } from 'esbuild';
import { commonJsEsmFace } from './commonjs-esm-face.js';

export const NATIVE_NAMESPACE = 'native-require';

/**
 * Packages with native binaries cannot be bundled. Instead of leaving an ESM `import` (which
 * resolves only from node_modules next to the bundle), each import becomes a CommonJS
 * `require()` at runtime: that honours NODE_PATH, so the package is found both in the zip and
 * in the native layer Lambda mounts at /opt/nodejs/node_modules. Lazy `import()`s stay lazy.
 * The stand-in keeps the package's named exports (see commonJsEsmFace).
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
      build.onLoad({ filter: /.*/, namespace: NATIVE_NAMESPACE }, (args) => ({
        contents: commonJsEsmFace(buildRoot, args.path, `const load = require; const cjs = load(${JSON.stringify(args.path)});`),
        loader: 'js',
      }));
    },
  };
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
