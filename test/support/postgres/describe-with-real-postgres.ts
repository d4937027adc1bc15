import { PostgresTestHandle } from './postgres-test-handle.js';
import { realPostgresAvailability, realPostgresUrl } from './real-postgres-url.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * A describe block with its own fresh, migrated database on a real PostgreSQL server (DATABASE_URL,
 * or a throwaway server from the local binaries). Without a server it is skipped with a printed
 * reason — except when CI=true, where a missing server fails the run instead of hiding tests.
 */
export function describeWithRealPostgres(title: string, body: (pg: PostgresTestHandle) => void): void {
  const availability = realPostgresAvailability();
  const handle = new PostgresTestHandle(`PostgreSQL for "${title}"`);
  if (!availability.available) {
    if (process.env.CI === 'true') {
      describe(title, () => {
        it('has a PostgreSQL server to run against (CI requires one)', () => {
          throw new Error(`"${title}" cannot run: ${availability.reason}. Set DATABASE_URL or install PostgreSQL 15.`);
        });
      });
      return;
    }
    console.warn(`Skipping "${title}": ${availability.reason}. Set DATABASE_URL or install PostgreSQL 15 to run it.`);
    describe.skip(title, () => body(handle));
    return;
  }
  describe(title, () => {
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
