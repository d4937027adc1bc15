import type { SqlQueryable } from './sql-database.js';

export interface PostgresCapabilities {
  /** The server is PGlite behind pglite-socket rather than a PostgreSQL server. */
  readonly pglite: boolean;
  /** `COPY … FROM STDIN` works. PGlite's socket server loses protocol sync on it (08P01), so false there. */
  readonly supportsCopy: boolean;
}

/**
 * Asks the server what it is. PGlite reports itself in `version()` (e.g. "PostgreSQL 18.6 (PGlite 0.5.14)
 * on wasm32-unknown-emscripten …"), which holds whoever started it — this process, another process
 * holding the data-dir lock, or a hand-started pglite-socket — so no flag has to travel with the URL.
 */
export async function detectCapabilities(db: SqlQueryable): Promise<PostgresCapabilities> {
  const rows = await db.query<{ version: string }>('SELECT version() AS version');
  const pglite = isPgliteVersion(rows[0]?.version ?? '');
  return { pglite, supportsCopy: !pglite };
}

export function isPgliteVersion(version: string): boolean {
  return /pglite|emscripten/i.test(version);
}
