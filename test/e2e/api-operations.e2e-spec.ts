import { jest } from '@jest/globals';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { ProcessedRecordsReader } from '@pipeline/domain/ports/processed-records-reader.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { ingestThroughApi, recordsPage } from '@pipeline/testing/api/api-requests.js';
import { codesOf, gql } from '@pipeline/testing/api/graphql-client.js';
import { QueryFastLane } from '../../apps/api/src/graphql/query-fast-lane.js';

const sensors = Array.from({ length: 10 }, (_, k) => {
  const id = k + 1;
  return {
    id,
    name: `s${id}`,
    value: id * 1.5,
    tags: ['all', id % 2 ? 'odd' : 'even'],
    meta: { site: id % 3 === 0 ? 'north' : 'south', ...(id === 4 ? { zone: 'z4' } : {}) },
  };
});

const CONTRACT = {
  dataset: 'strict',
  primaryKey: ['id'],
  fields: [
    { name: 'id', type: 'integer', required: true },
    { name: 'email', type: 'string', required: true },
  ],
  rules: [{ rule: 'MaxInvalidRatio', max: 0.1, action: 'halt' }],
};

describeWithRealPostgres('GraphQL API operations over HTTP (local mode, real PostgreSQL)', (pg) => {
  let api: StartedApi;
  let sensorsId = '';
  const asReader = (query: string, variables?: Record<string, unknown>) => gql(api.url, api.keys.reader, query, variables);
  const asAdmin = (query: string, variables?: Record<string, unknown>) => gql(api.url, api.keys.admin, query, variables);

  beforeAll(async () => {
    api = await startApi(pg.url);
    sensorsId = await ingestThroughApi(api, 'sensors', sensors, 'req-1');
    await api.drain();
  }, 90_000);
  afterAll(() => api?.close());

  it('ingest keeps the payload in the raw area, and is idempotent per clientRequestId', async () => {
    expect(await ingestThroughApi(api, 'sensors', sensors, 'req-1')).toBe(sensorsId);
    const other = await ingestThroughApi(api, 'sensors', sensors, 'req-2');
    expect(other).not.toBe(sensorsId);
    const reply = await asReader(`query($id: ID!) { ingestion(id: $id) { sourceKey } }`, { id: sensorsId });
    const key = (reply.data as { ingestion: { sourceKey: string } }).ingestion.sourceKey;
    expect(key).toMatch(/^raw\/sensors\/api-[0-9a-f-]{36}\.json$/);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(`${api.dataDir}/objects/${key}`, 'utf8'))).toEqual({ data: sensors });
    await api.drain();
  });

  it('ingestion(id): state, counts per sink, rule results, output keys and the event history', async () => {
    const reply = await asReader(
      `query($id: ID!) { ingestion(id: $id) { id dataset state attempts counts { recordsIn valid quarantined }
         sinks { sink rows targets } ruleResults { rule passed failed } outputKeys durationMs
         events { type version position recordedAt data } } }`,
      { id: sensorsId },
    );
    expect(reply.errors).toBeUndefined();
    const ingestion = (reply.data as { ingestion: Record<string, unknown> }).ingestion as {
      state: string;
      counts: { recordsIn: number; valid: number };
      sinks: { sink: string; rows: number }[];
      outputKeys: string[];
      events: { type: string; version: number; data: { ingestionId: string } }[];
    };
    expect(ingestion).toMatchObject({
      id: sensorsId,
      dataset: 'sensors',
      state: 'COMPLETED',
      attempts: 1,
      counts: { recordsIn: 10, valid: 10, quarantined: 0 },
    });
    expect(ingestion.sinks.find((s) => s.sink === 'postgres')?.rows).toBe(10);
    expect(ingestion.outputKeys.some((k) => k.endsWith(`${sensorsId}.parquet`))).toBe(true);
    expect(ingestion.outputKeys.some((k) => k.endsWith(`${sensorsId}.jsonl`))).toBe(true);
    expect(ingestion.events.map((e) => e.type)).toEqual([
      'IngestionReceived',
      'IngestionStarted',
      'QualityChecked',
      'RecordsStored',
      'IngestionCompleted',
    ]);
    expect(ingestion.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    expect(ingestion.events[0].data.ingestionId).toBe(sensorsId);
    expect((await asReader('{ ingestion(id: "no-such-id") { id } }')).data).toEqual({ ingestion: null });
  });

  it('ingestions: filters by dataset and state, pages newest first, loads events only when asked', async () => {
    const first = await asReader(
      `{ ingestions(dataset: "sensors", state: COMPLETED, first: 1) { nodes { id state dataset } pageInfo { hasNextPage endCursor } } }`,
    );
    const page1 = (
      first.data as { ingestions: { nodes: { id: string; state: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }
    ).ingestions;
    expect(page1.nodes).toHaveLength(1);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await asReader(
      `query($after: String) { ingestions(dataset: "sensors", first: 5, after: $after) { nodes { id events { type } } pageInfo { hasNextPage } } }`,
      {
        after: page1.pageInfo.endCursor,
      },
    );
    const page2 = (second.data as { ingestions: { nodes: { id: string; events: unknown[] }[]; pageInfo: { hasNextPage: boolean } } })
      .ingestions;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(new Set([page1.nodes[0].id, ...page2.nodes.map((n) => n.id)]).size).toBe(2);
    expect(page2.nodes[0].events).toHaveLength(5);
    expect((await asReader('{ ingestions(dataset: "nothing") { nodes { id } } }')).data).toEqual({ ingestions: { nodes: [] } });
    expect(codesOf(await asReader('{ ingestions(from: "yesterday") { nodes { id } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await asReader('{ ingestions(after: "not-a-cursor") { nodes { id } } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['eq on a top-level field', { path: 'name', op: 'eq', value: 's3' }, [3]],
    ['eq on a nested path', { path: 'meta.site', op: 'eq', value: 'north' }, [3, 6, 9]],
    ['eq is type-exact', { path: 'id', op: 'eq', value: '3' }, []],
    ['ne', { path: 'meta.site', op: 'ne', value: 'south' }, [3, 6, 9]],
    ['gt on numbers', { path: 'id', op: 'gt', value: 7 }, [8, 9, 10]],
    ['gte on decimals', { path: 'value', op: 'gte', value: 13.5 }, [9, 10]],
    ['lt', { path: 'id', op: 'lt', value: 3 }, [1, 2]],
    ['lte on strings compares text', { path: 'name', op: 'lte', value: 's10' }, [1, 10]],
    ['contains: substring', { path: 'name', op: 'contains', value: '1' }, [1, 10]],
    ['contains: array element', { path: 'tags', op: 'contains', value: 'even' }, [2, 4, 6, 8, 10]],
    ['contains: sub-object', { path: 'meta', op: 'contains', value: { zone: 'z4' } }, [4]],
    ['in', { path: 'id', op: 'in', value: [2, 5, 99] }, [2, 5]],
    ['exists', { path: 'meta.zone', op: 'exists' }, [4]],
    ['exists false', { path: 'meta.zone', op: 'exists', value: false }, [1, 2, 3, 5, 6, 7, 8, 9, 10]],
  ])('processedRecords where %s', async (_name, filter, ids) => {
    const page = await recordsPage(api, { dataset: 'sensors', ingestionId: sensorsId, where: [filter] });
    expect(page.edges.map((e) => e.node.data.id)).toEqual(ids);
  });

  it('processedRecords: nodes carry data and lineage; filters combine; from/to bound ingested_at', async () => {
    const page = await recordsPage(api, {
      dataset: 'sensors',
      ingestionId: sensorsId,
      where: [
        { path: 'meta.site', op: 'eq', value: 'south' },
        { path: 'id', op: 'gt', value: 5 },
      ],
    });
    expect(page.edges.map((e) => e.node.data.id)).toEqual([7, 8, 10]);
    const node = page.edges[0].node;
    expect(node).toMatchObject({ ingestionId: sensorsId, rowNumber: 7 });
    expect(node.data).toMatchObject({ id: 7, name: 's7', meta: { site: 'south' } });
    expect(Date.parse(node.ingestedAt)).toBeGreaterThan(Date.now() - 600_000);
    const after = await recordsPage(api, { dataset: 'sensors', ingestionId: sensorsId, from: new Date(Date.now() + 60_000).toISOString() });
    expect(after.edges).toHaveLength(0);
    const before = await recordsPage(api, {
      dataset: 'sensors',
      ingestionId: sensorsId,
      to: new Date(Date.now() + 60_000).toISOString(),
      first: 3,
    });
    expect(before.edges).toHaveLength(3);
    expect(before.pageInfo.hasNextPage).toBe(true);
  });

  it('a repeated query is answered by the fast lane with the same bytes and headers Apollo sent, for each key anew', async () => {
    const lane = api.app.get(QueryFastLane);
    const query = `{ processedRecords(dataset: "sensors", first: 3) { edges { cursor node { data rowNumber } } pageInfo { endCursor } } }`;
    const post = async (key: string, accept?: string) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...(accept ? { accept } : {}) },
        body: JSON.stringify({ query }),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (name !== 'date') headers[name] = value;
      });
      return { status: res.status, headers, body: await res.text() };
    };
    const graphqlOks = async () => {
      const text = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.keys.reader}` } })).text();
      return Number(/^api_requests_total\{route="\/graphql",status="200"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    const first = await post(api.keys.reader); // Apollo validates it and the lane remembers it
    expect(first.status).toBe(200);
    const before = lane.answeredRequests;
    const oksBefore = await graphqlOks();
    for (const accept of [undefined, '*/*', 'application/json']) expect(await post(api.keys.reader, accept)).toEqual(first);
    expect(await post(api.keys.admin)).toEqual(first);
    expect(lane.answeredRequests).toBe(before + 4);
    expect(await graphqlOks()).toBe(oksBefore + 4); // the lane's answers are counted like any other
    // A key that is not valid is refused as ever (by Express's chain, which the lane hands it to).
    const refused = await post('pk_not_a_key');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    // A media type only Apollo negotiates goes to Apollo, which answers in it.
    const graphqlResponse = await post(api.keys.reader, 'application/graphql-response+json');
    expect(graphqlResponse.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(graphqlResponse.body).toBe(first.body);
    expect(lane.answeredRequests).toBe(before + 4);
    // An answer with errors is Apollo's every time, as the first time: the lane never answers with errors.
    const badCursor = '{ processedRecords(dataset: "sensors", after: "bad") { edges { cursor } } }';
    for (let attempt = 0; attempt < 3; attempt++) expect(codesOf(await asReader(badCursor))).toEqual(['BAD_USER_INPUT']);
    expect(lane.answeredRequests).toBe(before + 4);
  });

  it('processedRecords: totalCount is computed only when selected', async () => {
    const reader = api.app.get(ProcessedRecordsReader);
    const count = jest.spyOn(reader, 'count');
    try {
      const without = await recordsPage(api, { dataset: 'sensors', first: 2 });
      expect(without.totalCount).toBeUndefined();
      expect(count).not.toHaveBeenCalled();
      const withCount = await recordsPage(
        api,
        { dataset: 'sensors', where: [{ path: 'meta.site', op: 'eq', value: 'north' }], first: 2 },
        true,
      );
      expect(count).toHaveBeenCalledTimes(1);
      expect(withCount.totalCount).toBe(6); // two ingestions of the same ten records
      expect(withCount.edges).toHaveLength(2);
    } finally {
      count.mockRestore();
    }
  });

  it('datasets, dataset(name) with every contract version, and defineDataset', async () => {
    const defined = await asAdmin(
      `mutation($c: JSON!) { defineDataset(input: { contract: $c }) { name currentVersion inferred versions { version } } }`,
      { c: CONTRACT },
    );
    expect(defined.data).toEqual({ defineDataset: { name: 'strict', currentVersion: 1, inferred: false, versions: [{ version: 1 }] } });
    const revised = { ...CONTRACT, fields: [...CONTRACT.fields, { name: 'note', type: 'string' }] };
    await asAdmin(`mutation($c: JSON!) { defineDataset(input: { contract: $c }) { currentVersion } }`, { c: revised });
    const one = await asReader(`{ dataset(name: "strict") { name currentVersion contract versions { version contract } } }`);
    const dataset = (
      one.data as {
        dataset: {
          currentVersion: number;
          contract: { fields: unknown[] };
          versions: { version: number; contract: { fields: unknown[] } }[];
        };
      }
    ).dataset;
    expect(dataset.currentVersion).toBe(2);
    expect(dataset.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(dataset.versions[0].contract.fields).toHaveLength(2);
    expect(dataset.contract.fields).toHaveLength(3);
    const all = await asReader('{ datasets { name inferred currentVersion } }');
    expect((all.data as { datasets: { name: string; inferred: boolean }[] }).datasets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'sensors', inferred: true }),
        expect.objectContaining({ name: 'strict', inferred: false }),
      ]),
    );
    expect((await asReader('{ dataset(name: "nope") { name } }')).data).toEqual({ dataset: null });
    const broken = await asAdmin(`mutation { defineDataset(input: { contract: { dataset: "bad", fields: "nope" } }) { name } }`);
    expect(codesOf(broken)).toEqual(['BAD_USER_INPUT']);
    expect(broken.errors?.[0].message).toContain('fields');
  });

  it('retryIngestion re-runs a rejected ingestion; refusals are errors with a reason', async () => {
    const rejectedId = await ingestThroughApi(api, 'strict', [{ id: 1 }, { id: 2 }]);
    await api.drain();
    const before = await asReader(`query($id: ID!) { ingestion(id: $id) { state rejection { code message } } }`, { id: rejectedId });
    expect((before.data as { ingestion: { state: string } }).ingestion.state).toBe('REJECTED');
    const retried = await asAdmin(`mutation($id: ID!) { retryIngestion(id: $id) { id state events { type data } } }`, { id: rejectedId });
    const ingestion = (retried.data as { retryIngestion: { state: string; events: { type: string; data: { requestedBy?: string } }[] } })
      .retryIngestion;
    expect(ingestion.state).toBe('REPLAY_REQUESTED');
    expect(ingestion.events.at(-1)).toMatchObject({ type: 'IngestionReplayRequested', data: { requestedBy: 'api:e2e admin' } });
    expect(await api.drain()).toBe(1);
    const after = await asReader(`query($id: ID!) { ingestion(id: $id) { state attempts } }`, { id: rejectedId });
    expect((after.data as { ingestion: { state: string; attempts: number } }).ingestion).toEqual({ state: 'REJECTED', attempts: 2 });
    const completed = await asAdmin(`mutation($id: ID!) { retryIngestion(id: $id) { id } }`, { id: sensorsId });
    expect(codesOf(completed)).toEqual(['REPLAY_REFUSED']);
    expect(completed.errors?.[0].message).toContain('only failed, dead-lettered or rejected');
  });

  it('pipelineHealth: depths, last-hour figures, freshness and alarms; replayDeadLetters empties the DLQ', async () => {
    const queue = api.app.get(WorkQueue);
    for (let i = 0; i < 6; i++) await queue.send(JSON.stringify({ kind: 'not-work', i }));
    for (let round = 0; round < 4; round++) {
      for (const m of await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: 60 })) await queue.retry(m.receipt, 0);
    }
    const health = await asReader(`{ pipelineHealth { checkedAt queueDepth { visible inFlight } deadLetterDepth
      lastHour { finished errors errorRate p99LatencyMs } freshness { dataset newestIngestedAt ageSeconds }
      alarms { name state value threshold unit } } }`);
    expect(health.errors).toBeUndefined();
    const h = (health.data as { pipelineHealth: Record<string, unknown> }).pipelineHealth as {
      deadLetterDepth: number;
      lastHour: { finished: number; errors: number; errorRate: number; p99LatencyMs: number };
      freshness: { dataset: string; ageSeconds: number | null }[];
      alarms: { name: string; state: string; value: number | null; threshold: number }[];
    };
    expect(h.deadLetterDepth).toBe(6);
    expect(h.lastHour.finished).toBe(3); // sensors ×2 completed, strict rejected
    expect(h.lastHour.errors).toBe(1);
    expect(h.lastHour.errorRate).toBeCloseTo(1 / 3);
    expect(h.lastHour.p99LatencyMs).toBeGreaterThanOrEqual(0);
    expect(h.freshness.find((f) => f.dataset === 'sensors')?.ageSeconds).toBeLessThan(600);
    expect(h.freshness.find((f) => f.dataset === 'strict')?.ageSeconds).toBeNull();
    const alarms = Object.fromEntries(h.alarms.map((a) => [a.name, a]));
    expect(alarms.ErrorRate).toMatchObject({ state: 'ALARM', threshold: 0.01 });
    expect(alarms.DeadLetterDepth).toMatchObject({ state: 'ALARM', value: 6, threshold: 5 });
    expect(alarms.P99Latency).toMatchObject({ state: 'OK', threshold: 30 });
    expect(alarms.DataStale).toMatchObject({ state: 'OK', threshold: 3600 });

    const replay = await asAdmin('mutation { replayDeadLetters(limit: 10) { replayed redriven refused { ingestionId reason } } }');
    expect(replay.data).toEqual({ replayDeadLetters: { replayed: [], redriven: 6, refused: [] } });
    const afterReplay = await asReader('{ pipelineHealth { deadLetterDepth queueDepth { visible } } }');
    expect(afterReplay.data).toEqual({ pipelineHealth: { deadLetterDepth: 0, queueDepth: { visible: 6 } } });
  });

  it('GET /health needs no key; GET /metrics serves Prometheus text to a reader', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${api.url}/metrics`, { headers: { 'x-api-key': api.keys.reader } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/^# TYPE pipeline_dead_letter_messages gauge$/m);
    expect(text).toMatch(/^pipeline_data_age_seconds\{dataset="sensors"\} \d+$/m);
    expect(text).toMatch(/^pipeline_alarm\{alarm="ErrorRate"\} 1$/m);
    expect(text).toMatch(/^api_requests_total\{route="\/graphql",status="200"\} \d+$/m);
    expect(text).toMatch(/^api_request_duration_seconds_count \d+$/m);
  });
});
