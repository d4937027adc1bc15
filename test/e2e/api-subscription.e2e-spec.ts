import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { ingestThroughApi } from '@pipeline/testing/api/api-requests.js';
import { subscribe } from '@pipeline/testing/api/ws-subscription.js';

interface Update {
  data: {
    ingestionUpdated: {
      event: { type: string; version: number };
      ingestion: { id: string; dataset: string; state: string; counts: { valid: number } | null };
    };
  };
}

const SUBSCRIPTION = `subscription($dataset: String) {
  ingestionUpdated(dataset: $dataset) { event { type version } ingestion { id dataset state counts { valid } } }
}`;

describeWithRealPostgres('graphql-ws subscription ingestionUpdated (real server, real PostgreSQL)', (pg) => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startApi(pg.url);
  }, 90_000);
  afterAll(() => api?.close());

  it('streams every event of a dataset’s ingestions, with the ingestion as of that event', async () => {
    const watched = subscribe<Update>(api.url, api.keys.reader, SUBSCRIPTION, { dataset: 'watched' });
    const everything = subscribe<Update>(api.url, api.keys.admin, SUBSCRIPTION);
    await new Promise((r) => setTimeout(r, 800)); // the feed fixes its start position on the first subscriber
    await ingestThroughApi(api, 'other', [{ x: 1 }]);
    const id = await ingestThroughApi(api, 'watched', [{ id: 1 }, { id: 2 }]);
    await api.drain();
    const updates = (await watched.waitFor(5)).map((u) => u.data.ingestionUpdated);
    expect(updates.map((u) => u.event.type)).toEqual([
      'IngestionReceived',
      'IngestionStarted',
      'QualityChecked',
      'RecordsStored',
      'IngestionCompleted',
    ]);
    expect(updates.map((u) => u.ingestion.id)).toEqual(Array(5).fill(id));
    expect(updates.map((u) => u.ingestion.state)).toEqual(['RECEIVED', 'PROCESSING', 'PROCESSING', 'PROCESSING', 'COMPLETED']);
    expect(updates[4].ingestion.counts).toEqual({ valid: 2 });
    const all = (await everything.waitFor(10)).map((u) => u.data.ingestionUpdated.ingestion.dataset);
    expect(new Set(all)).toEqual(new Set(['other', 'watched']));
    await new Promise((r) => setTimeout(r, 500));
    expect(watched.results).toHaveLength(5);
    await watched.dispose();
    await everything.dispose();
  });

  it('sees ingestions processed by another process (it tails the event store, not this process’s bus)', async () => {
    const probe = subscribe<Update>(api.url, api.keys.reader, SUBSCRIPTION, { dataset: 'elsewhere' });
    await new Promise((r) => setTimeout(r, 800));
    // A second, independent application on the same database: its EventBus is not this server's.
    const other = await startApi(pg.url);
    try {
      await ingestThroughApi(other, 'elsewhere', [{ id: 1 }]);
      await other.drain();
      const updates = await probe.waitFor(5);
      expect(updates.at(-1)?.data.ingestionUpdated.ingestion.state).toBe('COMPLETED');
    } finally {
      await other.close();
      await probe.dispose();
    }
  });
});
