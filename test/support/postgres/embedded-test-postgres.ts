import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@pipeline/adapters/pglite/embedded-postgres.js';
import { PostgresTestHandle } from './postgres-test-handle.js';

/**
 * Embedded PGlite for the enclosing describe block: a temp data dir, the product's own
 * startEmbeddedPostgres and migrations in beforeAll, everything removed in afterAll.
 */
export function useEmbeddedPostgres(): PostgresTestHandle {
  const handle = new PostgresTestHandle('embedded PGlite');
  let dir: string | undefined;
  let server: EmbeddedPostgres | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipeline-test-pglite-'));
    server = await startEmbeddedPostgres({ dataDir: dir });
    await handle.open(server.url);
  }, 120_000);
  afterAll(async () => {
    await handle.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);
  return handle;
}
