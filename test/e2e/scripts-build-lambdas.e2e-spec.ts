import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { BundleError } from '../../scripts/lambda/bundle-error.js';
import { bundleLambda, NATIVE_PACKAGES } from '../../scripts/lambda/lambda-bundler.js';
import { LAMBDA_FUNCTIONS } from '../../scripts/lambda/lambda-functions.js';
import { buildLambdaPackages } from '../../scripts/lambda/lambda-packages.js';
import { createSandbox } from '../../scripts/lambda/lambda-sandbox.js';
import { invokeLocally } from '../../scripts/lambda/local-invoker.js';
import { shippedPackageFiles } from '../../scripts/lambda/shipped-packages.js';
import { readZip, writeZip } from '../../scripts/lambda/zip-archive.js';
import { eagerlyLoadedOutputs } from '../infra/eager-outputs.js';
import { loadTerraform, repoRoot } from '../infra/terraform-model.js';

const fixture = join(repoRoot, 'test/infra/fixtures/lambda-fixture.mjs');
const runnerBuilt = existsSync(join(repoRoot, 'dist/scripts/lambda/invoke-runner.js'));

describe('build_lambdas: packaging a handler with esbuild and running it like Lambda does', () => {
  let work: string;
  let functionZip: string;
  let layerZip: string;
  beforeAll(async () => {
    if (!runnerBuilt) throw new Error('dist/scripts/lambda/invoke-runner.js is missing: run npm run build first');
    work = mkdtempSync(join(tmpdir(), 'build-lambdas-'));
    const bundle = await bundleLambda(repoRoot, 'fixture', fixture);
    functionZip = join(work, 'fixture.zip');
    writeFileSync(functionZip, writeZip(bundle.files));
    layerZip = join(work, 'native-layer.zip');
    writeFileSync(layerZip, writeZip(shippedPackageFiles(repoRoot, NATIVE_PACKAGES, 'nodejs/node_modules')));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('puts the tree-shaken ESM entry, its lazily loaded chunks and their source maps in the zip, native packages in the layer', () => {
    const paths = readZip(readFileSync(functionZip)).map((e) => e.path);
    expect(paths.filter((p) => p.startsWith('chunks/')).length).toBeGreaterThan(0); // the fixture's `await import()`
    expect(paths.filter((p) => !p.startsWith('chunks/'))).toEqual(['index.mjs', 'index.mjs.map']);
    expect(paths.filter((p) => !/^(index|chunks\/[\w-]+)\.mjs(\.map)?$/.test(p))).toEqual([]);
    const layer = readZip(readFileSync(layerZip)).map((e) => e.path);
    expect(layer).toEqual(
      expect.arrayContaining([
        'nodejs/node_modules/@duckdb/node-api/package.json',
        'nodejs/node_modules/@duckdb/node-bindings-linux-x64/duckdb.node',
      ]),
    );
    expect(layer.filter((p) => /darwin|win32|musl|\.d\.ts$/.test(p))).toEqual([]);
  });

  it('builds byte-identical zips from the same inputs (stable CodeSha256 and source_code_hash)', async () => {
    const again = writeZip((await bundleLambda(repoRoot, 'fixture', fixture)).files);
    expect(again.equals(readFileSync(functionZip))).toBe(true);
  }, 60_000);

  it('answers {"test": true} in a fresh node process with no node_modules beside the bundle', async () => {
    const result = await invokeLocally({ functionZip, payload: { test: true }, functionName: 'fixture-fn' });
    expect(result).toMatchObject({
      ok: true,
      payload: { ok: true, pgPool: 'function', functionName: 'fixture-fn', region: expect.any(String) },
    });
    expect(result.timings.processStartToResponseMs).toBeGreaterThan(0);
  }, 60_000);

  it('lets TypeORM find the pg driver it loads by name at runtime', async () => {
    const result = await invokeLocally({ functionZip, payload: { typeorm: true } });
    expect(result).toMatchObject({ ok: true, payload: { driverPool: 'function' } });
  }, 60_000);

  it('keeps the named exports of a CommonJS package imported lazily (its own chunk)', async () => {
    const result = await invokeLocally({ functionZip, payload: { yaml: 'answer: 42' } });
    expect(result).toMatchObject({ ok: true, payload: { parsed: { answer: 42 } } });
  }, 60_000);

  it("leaves TypeORM's other drivers out and says so if one is ever asked for", async () => {
    const result = await invokeLocally({ functionZip, payload: { typeorm: 'mysql' } });
    expect(result.ok).toBe(false);
    expect(result.payload).toMatchObject({ errorMessage: expect.stringContaining("TypeORM's MysqlDriver (mysql) is not bundled") });
  }, 60_000);

  it('loads a native package from the layer through NODE_PATH, and fails without the layer', async () => {
    const withLayer = await invokeLocally({ functionZip, layerZips: [layerZip], payload: { duckdb: true } });
    expect(withLayer).toMatchObject({ ok: true, payload: { answer: 42 } });
    const without = await invokeLocally({ functionZip, payload: { duckdb: true } });
    expect(without.ok).toBe(false);
    expect(JSON.stringify(without.payload)).toMatch(/Cannot find module '@duckdb\/node-api'/);
  }, 60_000);

  it('gives the function only its own environment and what the Lambda runtime sets', async () => {
    process.env.LEAKY_SETTING = 'from the test process';
    const names = ['FROM_FUNCTION', 'LEAKY_SETTING', 'LAMBDA_TASK_ROOT', '_HANDLER', 'TZ'];
    const result = await invokeLocally({ functionZip, payload: { env: names }, environment: { FROM_FUNCTION: 'yes' } });
    delete process.env.LEAKY_SETTING;
    expect(result.payload).toMatchObject({
      FROM_FUNCTION: 'yes',
      LEAKY_SETTING: null,
      _HANDLER: 'index.handler',
      TZ: 'UTC',
      LAMBDA_TASK_ROOT: expect.stringMatching(/task$/),
    });
  }, 60_000);

  it('reports a thrown error the way Lambda does', async () => {
    const result = await invokeLocally({ functionZip, payload: { nothing: 1 } });
    expect(result).toMatchObject({ ok: false, payload: { errorType: 'TypeError', errorMessage: 'unexpected event {"nothing":1}' } });
  }, 60_000);

  it('refuses to package a handler that imports a devDependency', async () => {
    await expect(bundleLambda(repoRoot, 'bad', join(repoRoot, 'test/infra/fixtures/dev-dependency-fixture.mjs'))).rejects.toThrow(
      BundleError,
    );
    await expect(bundleLambda(repoRoot, 'bad', join(repoRoot, 'test/infra/fixtures/dev-dependency-fixture.mjs'))).rejects.toThrow(
      /devDependencies @nestjs\/testing/,
    );
  }, 60_000);
});

// Every deployed function has its handler (apps/<name>/src/lambda.ts); all of them are packaged here.
const present = [...LAMBDA_FUNCTIONS];

describe(`build_lambdas: the app's own handlers (${present.join(', ')})`, () => {
  let out: string;
  let built: Awaited<ReturnType<typeof buildLambdaPackages>>;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'build-lambdas-app-'));
    built = await buildLambdaPackages(repoRoot, present, out);
    const rows = built.functions.map(
      (f) => `${f.name.padEnd(10)} ${(f.zipBytes / 1e6).toFixed(2).padStart(6)} MB zipped  native: ${f.nativePackages.join(', ') || '-'}`,
    );
    if (built.layer) rows.push(`${'layer'.padEnd(10)} ${(built.layer.zipBytes / 1e6).toFixed(2).padStart(6)} MB zipped`);
    console.log(`Lambda packages:\n${rows.join('\n')}`);
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(present)(
    '%s: the zip holds index.mjs exporting the handler Terraform names (index.handler)',
    (fn) => {
      const pkg = built.functions.find((f) => f.name === fn)!;
      expect(pkg.zipBytes).toBeLessThan(50 * 1024 * 1024); // Lambda's limit for a directly uploaded zip
      const sandbox = createSandbox(pkg.zipPath, built.layer ? [built.layer.zipPath] : []);
      try {
        const probe = spawnSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            'const m = await import(process.argv[1]); console.log(typeof m.handler)',
            join(sandbox.taskRoot, 'index.mjs'),
          ],
          {
            env: { PATH: process.env.PATH, NODE_PATH: sandbox.nodePath, AWS_REGION: 'us-east-1' },
            encoding: 'utf8',
            timeout: 60_000,
          },
        );
        expect({ stdout: probe.stdout.trim().split('\n').pop(), stderr: probe.status === 0 ? '' : probe.stderr }).toEqual({
          stdout: 'function',
          stderr: '',
        });
      } finally {
        sandbox.remove();
      }
    },
    90_000,
  );

  it.each(present)('%s: a cold start parses no TypeORM (it only runs pending migrations, from a lazily imported chunk)', (fn) => {
    const metafile = JSON.parse(readFileSync(join(out, `${fn}.meta.json`), 'utf8')) as Metafile;
    const eager = eagerlyLoadedOutputs(metafile, 'index.mjs');
    expect(eager.flatMap((o) => Object.keys(metafile.outputs[o].inputs).filter((i) => i.includes('node_modules/typeorm/')))).toEqual([]);
  });

  it.each(present)('%s: Terraform attaches the native layer exactly when the bundle loads a native package', async (fn) => {
    const call = (await loadTerraform()).root.modules[fn];
    const needs = built.functions.find((f) => f.name === fn)!.nativePackages.length > 0;
    expect({ fn, layers: call.layers ?? [] }).toEqual({ fn, layers: needs ? ['${aws_lambda_layer_version.native.arn}'] : [] });
  });
});
