import type { Plugin } from 'esbuild';

/**
 * Packages only local mode uses: the embedded PostgreSQL (PGlite, ~0.5 MB of JavaScript) and the
 * SMTP mail transport. The shared adapter modules import them statically, so without this every
 * Lambda would parse them on each cold start. Replaced by a stub that fails loudly if a Lambda
 * ever reaches one.
 */
export const LOCAL_ONLY_PACKAGES = ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'nodemailer'] as const;

export const LOCAL_ONLY_NAMESPACE = 'local-only';

export function localOnlyStubPlugin(packages: readonly string[] = LOCAL_ONLY_PACKAGES): Plugin {
  const escaped = packages.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`^(${escaped.join('|')})(/.*)?$`);
  return {
    name: LOCAL_ONLY_NAMESPACE,
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: LOCAL_ONLY_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: LOCAL_ONLY_NAMESPACE }, (args) => {
        const message = JSON.stringify(`${args.path} is local mode only and not packaged for Lambda`);
        // Named imports of it are undefined; constructing or calling one throws this message.
        const contents = `const fail = () => { throw new Error(${message}); };
module.exports = new Proxy(fail, { get: (_t, key) => (key === '__esModule' || typeof key === 'symbol' ? undefined : fail), construct: fail, apply: fail });`;
        return { contents, loader: 'js' };
      });
    },
  };
}
