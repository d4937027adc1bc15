import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { ingestThroughApi, recordsPage } from '@pipeline/testing/api/api-requests.js';
import { codesOf, gql } from '@pipeline/testing/api/graphql-client.js';
import { subscribe } from '@pipeline/testing/api/ws-subscription.js';

const MAX_BODY = 64 * 1024;
const DEEP_INTROSPECTION =
  '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }';
const RECORDS = `query($dataset: String!, $where: [RecordFilterInput!], $first: Int!, $after: String, $ingestionId: ID) {
  processedRecords(dataset: $dataset, where: $where, first: $first, after: $after, ingestionId: $ingestionId) { edges { node { data } } } }`;

describeWithRealPostgres('API limits, injection attempts, malformed requests (local mode, real PostgreSQL)', (pg) => {
  let api: StartedApi;
  let prod: StartedApi;
  const rowCount = async () => Number((await pg.database.query('SELECT count(*)::int AS n FROM processed_data'))[0].n);

  beforeAll(async () => {
    api = await startApi(pg.url, { API_MAX_BODY_BYTES: String(MAX_BODY) });
    prod = await startApi(pg.url, { ENVIRONMENT: 'prod' });
    await ingestThroughApi(api, 'people', [
      { id: 1, name: "O'Brien", note: '100% sure' },
      { id: 2, name: 'Robert"); DROP TABLE processed_data;--', note: 'plain' },
    ]);
    await api.drain();
  }, 120_000);
  afterAll(async () => {
    await prod?.close();
    await api?.close();
  });

  it.each(["name'; DROP TABLE processed_data; --", 'name) OR (1=1', 'a..b', 'a.b-c', 'a b', 'nämé', "data->>'name'", '{name}', 'a.*', ''])(
    'refuses the filter path %j with a clear error, before any SQL',
    async (path) => {
      const reply = await gql(api.url, api.keys.reader, RECORDS, { dataset: 'people', first: 10, where: [{ path, op: 'eq', value: 1 }] });
      expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.errors?.[0].message).toMatch(path === '' ? /non-empty/ : /may contain only A-Z, a-z, 0-9 and _/);
    },
  );

  it('treats hostile values as data: they match literally and change nothing', async () => {
    const before = await rowCount();
    const hostile = [
      [{ path: 'name', op: 'eq', value: "x' OR '1'='1" }, []],
      [{ path: 'name', op: 'eq', value: 'Robert"); DROP TABLE processed_data;--' }, [2]],
      [{ path: 'name', op: 'contains', value: "'" }, [1]],
      [{ path: 'note', op: 'contains', value: '%' }, [1]],
      [{ path: 'note', op: 'contains', value: '_' }, []],
      [{ path: 'id', op: 'in', value: ['1) OR (1=1', 2] }, [2]],
      [{ path: 'name', op: 'eq', value: { $ne: null } }, []],
      [{ path: 'id', op: 'gt', value: '0 OR 1=1' }, []],
    ] as const;
    for (const [filter, ids] of hostile) {
      const page = await recordsPage(api, { dataset: 'people', where: [filter] });
      expect({ filter, ids: page.edges.map((e) => e.node.data.id) }).toEqual({ filter, ids });
    }
    expect(await rowCount()).toBe(before);
  });

  it('refuses hostile datasets, ingestion ids and cursors', async () => {
    const bad = [
      { dataset: "people' OR '1'='1", first: 10 },
      { dataset: 'people', first: 10, ingestionId: "x' OR '1'='1" },
      { dataset: 'people', first: 10, after: Buffer.from(JSON.stringify(["2026-01-01'; DROP TABLE x;--", 'a', 1])).toString('base64url') },
      { dataset: 'people', first: 10, after: 'not base64 at all!' },
      { dataset: 'people', first: 10, where: [{ path: 'id', op: 'in', value: 5 }] },
      { dataset: 'people', first: 10, where: [{ path: 'id', op: 'gt', value: { a: 1 } }] },
      { dataset: 'people', first: 10, where: [{ path: 'id', op: 'exists', value: 'yes' }] },
    ];
    for (const variables of bad) {
      const reply = await gql(api.url, api.keys.reader, RECORDS, variables);
      expect({ variables, codes: codesOf(reply) }).toEqual({ variables, codes: ['BAD_USER_INPUT'] });
    }
    const unknownOp = await gql(api.url, api.keys.reader, RECORDS, {
      dataset: 'people',
      first: 1,
      where: [{ path: 'id', op: 'like', value: 1 }],
    });
    expect(unknownOp.status).toBe(400);
    expect(codesOf(unknownOp)).toEqual(['BAD_USER_INPUT']);
  });

  it('caps first at 1000 and refuses too deep or too complex operations before running them', async () => {
    expect(codesOf(await gql(api.url, api.keys.reader, RECORDS, { dataset: 'people', first: 1001 }))).toEqual(['BAD_USER_INPUT']);
    expect((await gql(api.url, api.keys.reader, RECORDS, { dataset: 'people', first: 1000 })).errors).toBeUndefined();
    const deep = await gql(api.url, api.keys.reader, DEEP_INTROSPECTION);
    expect(deep.status).toBe(400);
    expect(codesOf(deep)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(deep.errors?.[0].message).toBe('operation is 12 levels deep; the limit is 10');
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `a${i}: processedRecords(dataset: "people", first: $n) { edges { cursor node { data } } }`,
    ).join(' ');
    const complex = await gql(api.url, api.keys.reader, `query($n: Int!) { ${aliases} }`, { n: 1000 });
    expect(complex.status).toBe(400);
    expect(codesOf(complex)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(complex.errors?.[0].message).toMatch(/complexity \d+ exceeds the limit of 50000/);
    expect((await gql(api.url, api.keys.reader, `query($n: Int!) { ${aliases} }`, { n: 10 })).errors).toBeUndefined();
  });

  it('applies the same limits over graphql-ws', async () => {
    const probe = subscribe(api.url, api.keys.reader, DEEP_INTROSPECTION);
    const ended = (await probe.ended) as { error?: readonly { message: string; extensions?: { code?: string } }[] };
    expect(ended.error?.[0]?.message).toBe('operation is 12 levels deep; the limit is 10');
    await probe.dispose();
    const mutation = subscribe(api.url, api.keys.reader, 'mutation { replayDeadLetters { redriven } }');
    const result = (await mutation.ended, mutation.results[0]) as { errors?: { extensions?: { code?: string } }[] } | undefined;
    expect(result?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await mutation.dispose();
  });

  it('answers oversized and malformed requests with 4xx, never 5xx', async () => {
    const huge = await gql(api.url, api.keys.reader, `{ datasets { name } } # ${'x'.repeat(MAX_BODY)}`);
    expect(huge.status).toBe(413);
    expect(codesOf(huge)).toEqual(['PAYLOAD_TOO_LARGE']);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${api.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${api.keys.reader}`, ...headers }, body });
    const broken = await post('{"query": "{ datasets', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    expect((await post('{}', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post('{"query": "{ datasets { name "}', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post('{"query": "{ nope }"}', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post('{"query": 42}', { 'content-type': 'application/json' })).status).toBe(400);
    const corruptGzip = await post('this is not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(corruptGzip.status).toBe(400);
    expect(await corruptGzip.json()).toEqual({
      errors: [{ message: expect.stringMatching(/^request body could not be read: /), extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('prevents CSRF: simple requests (text/plain POST, GET without a preflight header) are refused', async () => {
    const simplePost = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${api.keys.reader}` },
      body: JSON.stringify({ query: 'mutation { replayDeadLetters { redriven } }' }),
    });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/Cross-Site Request Forgery/);
    const url = `${api.url}/graphql?query=${encodeURIComponent('{ datasets { name } }')}`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${api.keys.reader}` } })).status).toBe(400);
    expect((await fetch(url, { headers: { authorization: `Bearer ${api.keys.reader}`, 'apollo-require-preflight': 'true' } })).status).toBe(
      200,
    );
  });

  it('with ENVIRONMENT=prod: no introspection, no stack traces, no GraphiQL', async () => {
    const local = await gql(api.url, api.keys.reader, RECORDS, { dataset: 'Bad', first: 1 });
    expect(local.errors?.[0].extensions?.stacktrace).toBeDefined();
    const introspection = await gql(prod.url, prod.keys.reader, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const failed = await gql(prod.url, prod.keys.reader, RECORDS, { dataset: 'Bad', first: 1 });
    expect(codesOf(failed)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(failed.body)).not.toMatch(/stacktrace|at \w+ \(/);
    const page = (server: StartedApi) => fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect((await page(api)).status).toBe(200);
    expect((await page(prod)).status).not.toBe(200);
  });
});
