import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { esmBuildPlugin } from '../../scripts/lambda/esm-build-plugin.js';

// What Nest does with rxjs: a few operators, from both entry points, and an instanceof across them.
const ENTRY = `
import { Observable, of } from 'rxjs';
import { map } from 'rxjs/operators';
const doubled = of(1, 2, 3).pipe(map((n) => n * 2));
const seen = [];
doubled.subscribe((n) => seen.push(n));
console.log(JSON.stringify({ seen, sameObservable: doubled instanceof Observable }));
`;

async function bundle(plugins: Plugin[], resolveDir = process.cwd()): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

const rxjsInputs = (metafile: Metafile, build: string) => Object.keys(metafile.inputs).filter((p) => p.includes(`rxjs/dist/${build}/`));

describe('esmBuildPlugin: packages whose node condition points at CommonJS bundled from their ES-module build', () => {
  it("without it, platform node takes rxjs's CommonJS build: all of it, untouched by tree-shaking", async () => {
    const { metafile } = await bundle([]);
    expect(rxjsInputs(metafile, 'cjs').length).toBeGreaterThan(150);
    expect(rxjsInputs(metafile, 'esm')).toEqual([]);
  });

  it('with it, only the ES-module build, a tenth of the size, and the program runs the same', async () => {
    const [plain, esm] = await Promise.all([bundle([]), bundle([esmBuildPlugin()])]);
    expect(rxjsInputs(esm.metafile, 'cjs')).toEqual([]);
    expect(rxjsInputs(esm.metafile, 'esm').length).toBeGreaterThan(0);
    expect(esm.code.length).toBeLessThan(plain.code.length / 4);
    const run = (code: string) => spawnSync(process.execPath, ['--input-type=module'], { input: code, encoding: 'utf8' });
    expect(JSON.parse(run(esm.code).stdout)).toEqual({ seen: [2, 4, 6], sameObservable: true });
    expect(run(esm.code).stdout).toBe(run(plain.code).stdout);
  });

  it('fails the build, naming the package and condition, when a release drops that export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esm-build-'));
    try {
      mkdirSync(join(dir, 'node_modules/rxjs'), { recursive: true });
      writeFileSync(
        join(dir, 'node_modules/rxjs/package.json'),
        JSON.stringify({
          name: 'rxjs',
          exports: { '.': { node: './index.js' }, './operators': { node: './index.js' }, './package.json': './package.json' },
        }),
      );
      writeFileSync(join(dir, 'node_modules/rxjs/index.js'), 'module.exports = {};\n');
      await expect(bundle([esmBuildPlugin()], dir)).rejects.toThrow(
        /rxjs: package\.json has no "es2015" export for "\.\/operators"|rxjs: package\.json has no "es2015" export for "\."/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
