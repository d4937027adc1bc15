import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

export const LAZY_COMMONJS_NAMESPACE = 'lazy-commonjs';

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * With code splitting, `await import('yaml')` of a CommonJS package gets a chunk whose only export
 * is `default`, so `const { parse } = await import('yaml')` would read undefined on Lambda while it
 * works under plain node. Each lazily imported CommonJS package is given an ES module face instead:
 * its export names (read from the installed package at build time) plus `default`, as Node offers.
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
      build.onLoad({ filter: /.*/, namespace: LAZY_COMMONJS_NAMESPACE }, (args) => {
        const specifier = (args.pluginData as { specifier: string }).specifier;
        const names = exportNames(root, specifier);
        const locals = names.map((name, i) => `const __cjs${i} = cjs[${JSON.stringify(name)}];`).join('\n');
        const named = names.length > 0 ? `export { ${names.map((name, i) => `__cjs${i} as ${name}`).join(', ')} };` : '';
        return {
          contents: `import cjs from ${JSON.stringify(args.path)};\n${locals}\n${named}\nexport default cjs;`,
          loader: 'js',
          resolveDir: root,
        };
      });
    },
  };
}

function isCommonJs(path: string): boolean {
  if (path.endsWith('.cjs')) return true;
  if (path.endsWith('.mjs')) return false;
  return !ESM_SYNTAX.test(readFileSync(path, 'utf8'));
}

function exportNames(root: string, specifier: string): string[] {
  try {
    const loaded = createRequire(join(root, 'package.json'))(specifier) as object;
    return Object.keys(loaded).filter((name) => IDENTIFIER.test(name) && name !== 'default');
  } catch (error) {
    throw new BundleError(`cannot read the exports of ${specifier}, which is imported lazily: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
