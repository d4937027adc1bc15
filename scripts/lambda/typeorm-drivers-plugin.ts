import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

/** The database drivers this project connects with; TypeORM's optional ones (mysql2, oracledb, …) stay out. */
export const BUNDLED_DRIVERS = ['pg'] as const;

/** TypeORM driver classes the project instantiates (DataSource type "postgres"); the other fifteen are not bundled. */
export const BUNDLED_DRIVER_CLASSES = ['PostgresDriver'] as const;

const DYNAMIC_LOAD = 'return require(name);';
const DRIVER_REQUIRE = /require\("\.\/([a-z0-9-]+)\/(\w+Driver)"\)/g;

/**
 * TypeORM loads its driver with `require(name)` at runtime (PlatformTools.load), which a bundler
 * cannot follow, so a bundled Lambda fails with "Postgres package has not been found installed".
 * This rewrites that one call to name the drivers we use literally, so esbuild bundles them.
 *
 * DriverFactory requires all sixteen driver classes (~450 KB of minified JavaScript that every cold
 * start would parse); the ones not in BUNDLED_DRIVER_CLASSES are replaced by a class that says so.
 */
export function typeormDriversPlugin(
  drivers: readonly string[] = BUNDLED_DRIVERS,
  driverClasses: readonly string[] = BUNDLED_DRIVER_CLASSES,
): Plugin {
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
      build.onLoad({ filter: /[\\/]typeorm[\\/]driver[\\/]DriverFactory\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const found = [...source.matchAll(DRIVER_REQUIRE)].map((m) => m[2]);
        const missing = driverClasses.filter((c) => !found.includes(c));
        if (missing.length > 0)
          throw new BundleError(
            `${args.path} no longer requires ${missing.join(', ')} as "./<folder>/<Class>": update scripts/lambda/typeorm-drivers-plugin.ts for this TypeORM version`,
          );
        const contents = source.replace(DRIVER_REQUIRE, (call: string, folder: string, cls: string) =>
          driverClasses.includes(cls) ? call : notBundledDriver(folder, cls),
        );
        return { contents, loader: 'js' };
      });
    },
  };
}

/** What DriverFactory gets instead of an unbundled driver module: constructing it names the cause. */
function notBundledDriver(folder: string, cls: string): string {
  const message = JSON.stringify(
    `TypeORM's ${cls} (${folder}) is not bundled into this Lambda: only ${BUNDLED_DRIVER_CLASSES.join(', ')} is`,
  );
  return `({ ${cls}: class ${cls} { constructor() { throw new Error(${message}); } } })`;
}
