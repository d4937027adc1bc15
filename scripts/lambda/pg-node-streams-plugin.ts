import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { BundleError } from './bundle-error.js';

const RUNTIME_PROBE = 'const { getStream, getSecureStream } = getStreamFuncs()';
const NODE_STREAMS = 'const { getStream, getSecureStream } = getNodejsStreamFuncs()';

/**
 * pg asks at import whether it runs in a Cloudflare Worker: where Node has no `navigator` (Node 20) it
 * constructs a fetch `Response`, which makes Node load its whole undici client (about 25 ms of a cold
 * start). A Lambda bundle is for Node, so pg's stream module takes Node's sockets without asking.
 */
export function pgNodeStreamsPlugin(): Plugin {
  return {
    name: 'pg-node-streams',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(RUNTIME_PROBE))
          throw new BundleError(
            `${args.path} no longer contains "${RUNTIME_PROBE}": update scripts/lambda/pg-node-streams-plugin.ts for this pg version`,
          );
        return { contents: source.replace(RUNTIME_PROBE, NODE_STREAMS), loader: 'js' };
      });
    },
  };
}
