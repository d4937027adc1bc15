import { randomUUID } from 'node:crypto';
import { PostgresWorkQueue } from '@pipeline/adapters/postgres/postgres-work-queue.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import type { PostgresTestHandle } from '@pipeline/testing/postgres/postgres-test-handle.js';
import { describeWorkQueueContract } from './suites/work-queue.contract-suite.js';

/** Each test gets its own queue name, so tests sharing the table never see each other's messages. */
const freshQueue = (pg: PostgresTestHandle) => async () => new PostgresWorkQueue(pg.database, { queueName: `test-${randomUUID()}` });

function describeTableQueueSpecifics(pg: PostgresTestHandle): void {
  it('keeps queues that share the table apart', async () => {
    const a = new PostgresWorkQueue(pg.database, { queueName: `a-${randomUUID()}` });
    const b = new PostgresWorkQueue(pg.database, { queueName: `b-${randomUUID()}` });
    await a.send('for a');
    expect(await b.receive({ maxMessages: 10, visibilityTimeoutSeconds: 30 })).toEqual([]);
    expect(await b.depth()).toEqual({ visible: 0, inFlight: 0 });
    expect((await a.receive({ maxMessages: 10, visibilityTimeoutSeconds: 30 })).map((m) => m.body)).toEqual(['for a']);
  });

  it('honours a custom maxReceiveCount', async () => {
    const queue = new PostgresWorkQueue(pg.database, { queueName: `once-${randomUUID()}`, maxReceiveCount: 1 });
    await queue.send('fragile');
    expect(await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 0 })).toHaveLength(1);
    expect(await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 0 })).toEqual([]);
    expect(await queue.deadLetterDepth()).toBe(1);
  });

  it('long-polls until a message arrives', async () => {
    const queue = new PostgresWorkQueue(pg.database, { queueName: `poll-${randomUUID()}`, pollIntervalMs: 50 });
    const started = Date.now();
    setTimeout(() => void queue.send('arrived'), 300);
    const got = await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 30, waitTimeMs: 5_000 });
    expect(got.map((m) => m.body)).toEqual(['arrived']);
    expect(Date.now() - started).toBeLessThan(4_000);
    const empty = Date.now();
    expect(await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 30, waitTimeMs: 300 })).toEqual([]);
    expect(Date.now() - empty).toBeGreaterThanOrEqual(250);
  });

  it('treats a malformed receipt as stale', async () => {
    const queue = new PostgresWorkQueue(pg.database, { queueName: `bad-${randomUUID()}` });
    await queue.send('x');
    await queue.ack('not-a-receipt');
    await queue.retry('not-a-receipt', 0);
    expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0 });
  });
}

describe('PostgresWorkQueue on embedded PGlite', () => {
  const pg = useEmbeddedPostgres();
  describeWorkQueueContract('PostgresWorkQueue (PGlite)', freshQueue(pg));
  describeTableQueueSpecifics(pg);
});

describeWithRealPostgres('PostgresWorkQueue on PostgreSQL', (pg) => {
  describeWorkQueueContract('PostgresWorkQueue (PostgreSQL)', freshQueue(pg));
  describeTableQueueSpecifics(pg);
});
