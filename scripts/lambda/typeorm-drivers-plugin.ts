import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

/** The database drivers this project connects with; TypeORM's optional ones (mysql2, oracledb, …) stay out. */
export const BUNDLED_DRIVERS = ['pg'] as const;

const DYNAMIC_LOAD = 'return require(name);';

/**
 * TypeORM loads its driver with `require(name)` at runtime (PlatformTools.load), which a bundler
 * cannot follow, so a bundled Lambda fails with "Postgres package has not been found installed".
 * This rewrites that one call to name the drivers we use literally, so esbuild bundles them.
 */
export function typeormDriversPlugin(drivers: readonly string[] = BUNDLED_DRIVERS): Plugin {
  return {
    name: 'typeorm-drivers',
    setup(build) {
      build.onLoad({ filter: /[\\/]typeorm[\\/]platform[\\/]PlatformTools\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(DYNAMIC_LOAD))
          throw new BundleError(
            `${args.path} no longer contains "${DYNAMIC_LOAD}": update scripts/lambda/typeorm-drivers-plugin.ts for this TypeORM version`,
          );
        const literal = drivers.map((d) => `if (name === ${JSON.stringify(d)}) return require(${JSON.stringify(d)});`).join(' ');
        return { contents: source.replace(DYNAMIC_LOAD, `${literal} ${DYNAMIC_LOAD}`), loader: 'js' };
      });
    },
  };
}
