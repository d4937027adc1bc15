import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { postgresMigrations } from '@pipeline/adapters/postgres/postgres-migrations.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { realPostgresUrl } from '@pipeline/testing/postgres/real-postgres-url.js';
import { createTestDatabase, type TestDatabase } from '@pipeline/testing/postgres/test-database.js';
import { bundleLambda } from '../../scripts/lambda/lambda-bundler.js';
import { invokeLocally } from '../../scripts/lambda/local-invoker.js';
import { writeZip } from '../../scripts/lambda/zip-archive.js';
import { repoRoot } from '../infra/terraform-model.js';
import { eagerlyLoadedOutputs } from '../infra/eager-outputs.js';

const fixture = join(repoRoot, 'test/infra/fixtures/migrations-lambda-fixture.mjs');

// Needs dist/ (npm run build): the fixture bundles the compiled runner, as the Lambdas do.
describeWithRealPostgres('schema migrations in a bundled Lambda: TypeORM only in a lazily imported chunk', () => {
  let work: string;
  let functionZip: string;
  let metafile: Metafile;
  let database: TestDatabase;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'lazy-migrations-'));
    const bundle = await bundleLambda(repoRoot, 'migrations-fixture', fixture);
    metafile = bundle.metafile;
    functionZip = join(work, 'fixture.zip');
    writeFileSync(functionZip, writeZip(bundle.files));
    database = await createTestDatabase((await realPostgresUrl())!);
  }, 120_000);
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await database?.drop();
  });

  it('leaves TypeORM out of what a cold start loads', () => {
    const eager = eagerlyLoadedOutputs(metafile, 'index.mjs');
    const typeormIn = (outputs: string[]) =>
      outputs.filter((o) => Object.keys(metafile.outputs[o].inputs).some((i) => i.includes('node_modules/typeorm/')));
    expect(typeormIn(eager)).toEqual([]);
    expect(typeormIn(Object.keys(metafile.outputs).filter((o) => o.endsWith('.mjs')))).toHaveLength(1);
  });

  it('runs every migration on a fresh database through the lazily loaded TypeORM, then finds nothing to do', async () => {
    const first = await invokeLocally({ functionZip, payload: { url: database.url } });
    expect(first).toMatchObject({ ok: true, payload: { ran: postgresMigrations.map((M) => new M().name) } });
    const again = await invokeLocally({ functionZip, payload: { url: database.url } });
    expect(again).toMatchObject({ ok: true, payload: { ran: [] } });
  }, 120_000);
});
