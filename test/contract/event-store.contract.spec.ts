import { isUnavailable } from '@pipeline/domain/errors.js';
import { createPostgresDataSource } from '@pipeline/adapters/postgres/postgres-data-source.js';
import { PostgresEventStore } from '@pipeline/adapters/postgres/postgres-event-store.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import { describeEventStoreContract } from './suites/event-store.contract-suite.js';

describe('PostgresEventStore on embedded PGlite', () => {
  const pg = useEmbeddedPostgres();
  describeEventStoreContract('PostgresEventStore (PGlite)', async () => new PostgresEventStore(pg.dataSource));
});

describeWithRealPostgres('PostgresEventStore on PostgreSQL', (pg) => {
  describeEventStoreContract('PostgresEventStore (PostgreSQL)', async () => new PostgresEventStore(pg.dataSource));

  it('reports a lost connection as UnavailableError, not as a driver error', async () => {
    const ds = await createPostgresDataSource(pg.url, { poolSize: 2, applicationName: 'doomed' }).initialize();
    try {
      const store = new PostgresEventStore(ds);
      await store.readStream('warm-up');
      await pg.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed'`);
      const error = await store.append('lost', [{ type: 'A', data: {} }], 0).catch((e: unknown) => e);
      expect(isUnavailable(error)).toBe(true);
      expect((error as Error).cause).toBeDefined();
    } finally {
      await ds.destroy();
    }
  });
});
