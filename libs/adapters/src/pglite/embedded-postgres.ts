import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { UnavailableError } from '@pipeline/domain/errors.js';
import { acquireDataDirLock } from './data-dir-lock.js';

export interface EmbeddedPostgresOptions {
  /** Holds `pgdata/` (PGlite's files) and `postgres.lock`. Created when missing. */
  readonly dataDir: string;
  /** Concurrent client connections the socket server accepts (default 32; its own default of 1 breaks any pool). */
  readonly maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** True when this call started the server; false when another process (or an earlier call) runs it. */
  readonly owned: boolean;
  /** Closes the server and PGlite and removes the lock; does nothing when not owned. */
  stop(): Promise<void>;
}

// Servers this process started, by lock path: a second start in the same process reuses the first.
const startedHere = new Map<string, Promise<string>>();

/**
 * PGlite on `<dataDir>/pgdata`, served over the PostgreSQL wire protocol on 127.0.0.1 (a free port),
 * so the ordinary pg/TypeORM code path talks to it. `<dataDir>/postgres.lock` ({pid, url}) guarantees
 * one PGlite per data dir: a later process gets the running server's URL with `owned: false`.
 * @example const pg = await startEmbeddedPostgres({ dataDir: '.pipeline' }); … await pg.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  await mkdir(options.dataDir, { recursive: true });
  const lockPath = join(options.dataDir, 'postgres.lock');
  const running = startedHere.get(lockPath);
  if (running) return { url: await running, owned: false, stop: async () => undefined };

  const lock = await acquireDataDirLock(lockPath, { ownedByThisProcess: (path) => startedHere.has(path) });
  if (lock.kind === 'held') return { url: lock.url, owned: false, stop: async () => undefined };

  const server = serve(options, lock);
  startedHere.set(
    lockPath,
    server.then((s) => s.url),
  );
  try {
    const { url, stop } = await server;
    let stopped: Promise<void> | undefined;
    const stopOnce = () => (stopped ??= stop().finally(() => startedHere.delete(lockPath)));
    return { url, owned: true, stop: stopOnce };
  } catch (error) {
    startedHere.delete(lockPath);
    throw error;
  }
}

type AcquiredLock = Extract<Awaited<ReturnType<typeof acquireDataDirLock>>, { kind: 'acquired' }>;

async function serve(options: EmbeddedPostgresOptions, lock: AcquiredLock): Promise<{ url: string; stop(): Promise<void> }> {
  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: join(options.dataDir, 'pgdata') });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 32 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    await lock.publish(url);
    const opened = db;
    return {
      url,
      async stop() {
        await server.stop();
        await opened.close();
        await lock.release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw new UnavailableError(`embedded PostgreSQL (PGlite) did not start in ${options.dataDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
