import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { commonJsEsmFace } from './commonjs-esm-face.js';

export const LAZY_COMMONJS_NAMESPACE = 'lazy-commonjs';

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;

/**
 * With code splitting, `await import('yaml')` of a CommonJS package gets a chunk whose only export
 * is `default`, so `const { parse } = await import('yaml')` would read undefined on Lambda while it
 * works under plain node. Each lazily imported CommonJS package gets an ES module face (commonJsEsmFace).
 */
export function lazyCommonJsPlugin(): Plugin {
  return {
    name: LAZY_COMMONJS_NAMESPACE,
    setup(build) {
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.namespace !== 'file') return undefined;
        const real = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer });
        if (real.errors.length > 0 || real.external || real.namespace !== 'file' || !isCommonJs(real.path)) return undefined;
        return { path: real.path, namespace: LAZY_COMMONJS_NAMESPACE, pluginData: { specifier: args.path } };
      });
      build.onLoad({ filter: /.*/, namespace: LAZY_COMMONJS_NAMESPACE }, (args) => ({
        contents: commonJsEsmFace(
          root,
          (args.pluginData as { specifier: string }).specifier,
          `import cjs from ${JSON.stringify(args.path)};`,
        ),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

function isCommonJs(path: string): boolean {
  if (path.endsWith('.cjs')) return true;
  if (path.endsWith('.mjs')) return false;
  return !ESM_SYNTAX.test(readFileSync(path, 'utf8'));
}
