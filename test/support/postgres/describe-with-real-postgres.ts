import { PostgresTestHandle } from './postgres-test-handle.js';
import { realPostgresAvailability, realPostgresUrl } from './real-postgres-url.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { describeWhenAvailable } from '../describe-when-available.js';

/**
 * A describe block with its own fresh, migrated database on a real PostgreSQL server (DATABASE_URL,
 * or a throwaway server from the local binaries). Without a server it is skipped with a printed
 * reason — except when CI=true, where a missing server fails the run instead of hiding tests.
 */
export function describeWithRealPostgres(title: string, body: (pg: PostgresTestHandle) => void): void {
  const availability = realPostgresAvailability();
  const handle = new PostgresTestHandle(`PostgreSQL for "${title}"`);
  const reason = availability.available ? null : `${availability.reason}. Set DATABASE_URL or install PostgreSQL 15`;
  describeWhenAvailable(title, reason, 'a PostgreSQL server', () => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      const server = await realPostgresUrl();
      if (!server) throw new Error(`no PostgreSQL server for "${title}"`);
      database = await createTestDatabase(server);
      await handle.open(database.url);
    }, 120_000);
    afterAll(async () => {
      await handle.close();
      await database?.drop();
    }, 60_000);
    body(handle);
  });
}
