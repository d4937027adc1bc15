import { isUnavailable } from '@pipeline/domain/errors.js';
import { PostgresEventStore } from '@pipeline/adapters/postgres/postgres-event-store.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import { describeEventStoreContract } from './suites/event-store.contract-suite.js';

describe('PostgresEventStore on embedded PGlite', () => {
  const pg = useEmbeddedPostgres();
  describeEventStoreContract('PostgresEventStore (PGlite)', async () => new PostgresEventStore(pg.database));
});

describeWithRealPostgres('PostgresEventStore on PostgreSQL', (pg) => {
  describeEventStoreContract('PostgresEventStore (PostgreSQL)', async () => new PostgresEventStore(pg.database));

  it('reports a connection lost mid-append as UnavailableError, not as a driver error', async () => {
    const doomed = await SqlDatabase.open(pg.url, { poolSize: 2, applicationName: 'doomed' });
    const blocker = await pg.database.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const append = new PostgresEventStore(doomed).append('lost', [{ type: 'A', data: {} }], 0).catch((e: unknown) => e);
      await waitUntil(async () => (await pg.database.query(blockedAppends)).length > 0);
      await pg.database.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed'`);
      const error = await append;
      expect(isUnavailable(error)).toBe(true);
      expect((error as Error).cause).toBeDefined();
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
      await doomed.close();
    }
  });
});

const blockedAppends = `SELECT pid FROM pg_stat_activity WHERE application_name = 'doomed' AND wait_event_type = 'Lock'`;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
