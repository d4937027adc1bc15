import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { ingestThroughApi, recordsPage, type RecordPage } from '@pipeline/testing/api/api-requests.js';
import { codesOf, gql } from '@pipeline/testing/api/graphql-client.js';

const batch = (tag: string, n: number) => Array.from({ length: n }, (_, k) => ({ tag, seq: k + 1, even: (k + 1) % 2 === 0 }));
const keyOf = (e: RecordPage['edges'][number]) => `${e.node.data.tag}#${e.node.data.seq}`;

describeWithRealPostgres('processedRecords pagination is stable while ingestions run (real HTTP, real PostgreSQL)', (pg) => {
  let api: StartedApi;
  let firstId = '';
  beforeAll(async () => {
    api = await startApi(pg.url);
    firstId = await ingestThroughApi(api, 'events', batch('a', 250));
    await api.drain();
  }, 90_000);
  afterAll(() => api?.close());

  it('pages through every existing row exactly once, in order, while new ingestions land between and during pages', async () => {
    const seen: string[] = [];
    let page = await recordsPage(api, { dataset: 'events', first: 100 });
    seen.push(...page.edges.map(keyOf));
    await ingestThroughApi(api, 'events', batch('b', 30));
    await api.drain(); // new rows committed between page 1 and page 2
    let pages = 1;
    while (page.pageInfo.hasNextPage) {
      const concurrent = pages === 2 ? ingestThroughApi(api, 'events', batch('c', 40)).then(() => api.drain()) : Promise.resolve(0);
      page = await recordsPage(api, { dataset: 'events', first: 100, after: page.pageInfo.endCursor });
      await concurrent; // rows committed while page 3 was being read
      seen.push(...page.edges.map(keyOf));
      pages++;
    }
    const expected = [...batch('a', 250), ...batch('b', 30), ...batch('c', 40)].map((r) => `${r.tag}#${r.seq}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 250)).toEqual(expected.slice(0, 250));
    expect(seen).toEqual(expected.slice(0, seen.length));
    expect(seen.length).toBeGreaterThanOrEqual(280);
  });

  it('keeps filtered and per-ingestion listings stable across pages too', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: RecordPage = await recordsPage(api, {
        dataset: 'events',
        ingestionId: firstId,
        where: [{ path: 'even', op: 'eq', value: true }],
        first: 40,
        ...(after ? { after } : {}),
      });
      seen.push(...page.edges.map((e) => e.node.data.seq as number));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      if (seen.length === 40) await ingestThroughApi(api, 'events', batch('a', 250), 'again').then(() => api.drain());
    } while (after);
    expect(seen).toEqual(Array.from({ length: 125 }, (_, k) => 2 * (k + 1)));
  });

  it('hands out cursors per edge: resuming after any edge continues right behind it', async () => {
    const page = await recordsPage(api, { dataset: 'events', first: 10 });
    const resumed = await recordsPage(api, { dataset: 'events', first: 3, after: page.edges[4].cursor });
    expect(resumed.edges.map(keyOf)).toEqual(page.edges.slice(5, 8).map(keyOf));
    const empty = await recordsPage(api, { dataset: 'events', first: 0 });
    expect(empty).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    const reply = await gql(api.url, api.keys.reader, '{ processedRecords(dataset: "events", first: -1) { edges { cursor } } }');
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
  });
});
