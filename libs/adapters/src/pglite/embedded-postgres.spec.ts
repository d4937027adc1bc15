import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isPortError } from '@pipeline/domain/errors.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

// Starts real PGlite instances (a fresh data dir takes ~4 s), so these tests share one data dir in order.
describe('startEmbeddedPostgres', () => {
  let dir: string;
  let first: EmbeddedPostgres;
  let sleeper: ChildProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-postgres-'));
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    sleeper.kill();
    await first?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const lockOf = async (dataDir: string) => JSON.parse(await readFile(join(dataDir, 'postgres.lock'), 'utf8'));

  it('serves PGlite on 127.0.0.1 and records itself in the lock file', async () => {
    first = await startEmbeddedPostgres({ dataDir: dir, maxConnections: 4 });
    expect(first.owned).toBe(true);
    expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await lockOf(dir)).toEqual({ pid: process.pid, url: first.url });
    await query(first.url, 'CREATE TABLE kept (v text)');
    await query(first.url, "INSERT INTO kept VALUES ('survives')");
  }, 60_000);

  it('gives a second start on the same dir the running server instead of a second PGlite', async () => {
    const second = await startEmbeddedPostgres({ dataDir: dir });
    expect(second).toMatchObject({ owned: false, url: first.url });
    await second.stop();
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
  });

  it('gives the URL of a live process that holds the lock', async () => {
    const other = await mkdtemp(join(dir, 'other-'));
    await writeFile(join(other, 'postgres.lock'), JSON.stringify({ pid: sleeper.pid, url: first.url }));
    expect(await startEmbeddedPostgres({ dataDir: other })).toMatchObject({ owned: false, url: first.url });
    expect(existsSync(join(other, 'pgdata'))).toBe(false);
  });

  it('keeps committed data across a restart and removes the lock on stop', async () => {
    await first.stop();
    expect(existsSync(join(dir, 'postgres.lock'))).toBe(false);
    first = await startEmbeddedPostgres({ dataDir: dir });
    expect(first.owned).toBe(true);
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
  }, 60_000);

  it('takes over a lock left behind by a dead process', async () => {
    await first.stop();
    const dead = spawn('true');
    await once(dead, 'exit');
    await writeFile(join(dir, 'postgres.lock'), JSON.stringify({ pid: dead.pid, url: 'postgres://postgres@127.0.0.1:1/postgres' }));
    first = await startEmbeddedPostgres({ dataDir: dir });
    expect(first.owned).toBe(true);
    expect(await lockOf(dir)).toEqual({ pid: process.pid, url: first.url });
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
  }, 60_000);

  it('serves a pool of several connections at once', async () => {
    const pool = new pg.Pool({ connectionString: first.url, max: 8 });
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.query('SELECT $1::int AS n', [i])));
      expect(results.map((r) => r.rows[0].n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await pool.end();
    }
  });
});

describe('acquireDataDirLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-dir-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('treats a lock with this pid that this process did not take as left over from an earlier life', async () => {
    const lockPath = join(dir, 'postgres.lock');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, url: null }));
    const lock = await acquireDataDirLock(lockPath, { ownedByThisProcess: () => false });
    expect(lock.kind).toBe('acquired');
  });

  it('never takes over a live owner that does not answer, and says who holds it', async () => {
    const lockPath = join(dir, 'postgres.lock');
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(lockPath, JSON.stringify({ pid: holder.pid, url: 'postgres://postgres@127.0.0.1:1/postgres' }));
      const error = await acquireDataDirLock(lockPath, { waitMs: 300 }).catch((e: unknown) => e);
      expect(isPortError(error) && error.code).toBe('LOCKED');
      expect((error as Error).message).toContain(String(holder.pid));
      expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(holder.pid);
    } finally {
      holder.kill();
    }
  });

  it('lets exactly one of several concurrent takers win', async () => {
    const lockPath = join(dir, 'postgres.lock');
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        acquireDataDirLock(lockPath, { waitMs: 300, ownedByThisProcess: () => true }).then(
          (lock) => lock.kind,
          (e: unknown) => (isPortError(e) ? e.code : 'error'),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'acquired')).toHaveLength(1);
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
