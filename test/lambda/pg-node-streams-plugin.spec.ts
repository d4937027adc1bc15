import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { pgNodeStreamsPlugin } from '../../scripts/lambda/pg-node-streams-plugin.js';

// Traps on the globals pg's Cloudflare probe reads, then pg's stream module as the Lambda bundle has it.
const ENTRY = `
const touched = [];
for (const name of ['navigator', 'Response'])
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
const { getStream } = require('pg/lib/stream.js');
const socket = getStream(false);
console.log(JSON.stringify({ touched, socket: socket.constructor.name }));
socket.destroy();
`;

async function runBundled(plugins: Plugin[]): Promise<{ touched: string[]; socket: string }> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  const run = spawnSync(process.execPath, ['-'], { input: result.outputFiles[0].text, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { touched: string[]; socket: string };
}

describe("pgNodeStreamsPlugin: pg's Cloudflare Workers probe left out of a Node bundle", () => {
  it('without it, importing pg reads navigator (and, lacking it, constructs a fetch Response)', async () => {
    expect((await runBundled([])).touched).toContain('navigator');
  });

  it('with it, pg takes Node sockets without probing', async () => {
    expect(await runBundled([pgNodeStreamsPlugin()])).toEqual({ touched: [], socket: 'Socket' });
  });

  it('fails the build, naming the file, when a pg release no longer has the probe it replaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-streams-'));
    try {
      mkdirSync(join(dir, 'node_modules/pg/lib'), { recursive: true });
      writeFileSync(join(dir, 'node_modules/pg/lib/stream.js'), 'module.exports = { getStream() {} };\n');
      const bundling = build({
        stdin: { contents: "require('pg/lib/stream.js')", resolveDir: dir, loader: 'js' },
        bundle: true,
        platform: 'node',
        write: false,
        logLevel: 'silent',
        plugins: [pgNodeStreamsPlugin()],
      });
      await expect(bundling).rejects.toThrow(
        /pg[\\/]lib[\\/]stream\.js no longer contains .*update scripts\/lambda\/pg-node-streams-plugin\.ts/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
