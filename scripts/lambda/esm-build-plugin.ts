import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

/**
 * Packages whose package.json sends Node (the `node` condition esbuild applies for platform node) to
 * a CommonJS build although they ship an ES-module one under another condition. CommonJS cannot be
 * tree-shaken: Nest imports a few rxjs operators, yet the CommonJS build put all of rxjs (170 KB, one
 * sixth of what a processor cold start parses) into the bundle. Resolved to their ES-module build,
 * a bundle keeps only what it imports. One build per package, so there is still one instance of it.
 */
export const ESM_BUILDS: Readonly<Record<string, string>> = { rxjs: 'es2015' };

export function esmBuildPlugin(builds: Readonly<Record<string, string>> = ESM_BUILDS): Plugin {
  const names = Object.keys(builds).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'esm-build',
    setup(build) {
      if (names.length === 0) return;
      // Every file importing the package asks again: read each package.json once per build.
      const manifests = new Map<string, { exports?: Record<string, unknown> }>();
      const manifestAt = (path: string) => {
        if (!manifests.has(path)) manifests.set(path, JSON.parse(readFileSync(path, 'utf8')) as { exports?: Record<string, unknown> });
        return manifests.get(path)!;
      };
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})(/.*)?$`) }, (args) => {
        const [name, subpath] = splitSpecifier(args.path);
        const manifestPath = createRequire(join(args.resolveDir, 'importer.js')).resolve(`${name}/package.json`);
        const manifest = manifestAt(manifestPath);
        const target = (manifest.exports?.[subpath] as Record<string, unknown> | undefined)?.[builds[name]];
        if (typeof target !== 'string')
          throw new BundleError(
            `${name}: package.json has no "${builds[name]}" export for "${subpath}": update scripts/lambda/esm-build-plugin.ts`,
          );
        return { path: join(dirname(manifestPath), target) };
      });
    },
  };
}

/** `rxjs/operators` → ['rxjs', './operators']; `@scope/pkg` → ['@scope/pkg', '.']. */
function splitSpecifier(specifier: string): [string, string] {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(nameLength).join('/');
  return [parts.slice(0, nameLength).join('/'), rest ? `./${rest}` : '.'];
}
