import { HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { MAX_PREPARED_QUERIES, MAX_PREPARED_QUERY_LENGTH, PreparedQueries } from './prepared-queries.js';
import { apolloWithApiOptions } from '@pipeline/testing/api/apollo-with-api-options.js';
import { acceptsPlainJson } from './query-fast-lane.js';

interface Calls {
  page: number[];
  add: string[];
}

interface TestContext {
  readonly role: 'reader' | 'admin';
}

/** Items by page, an admin-only field, a mutation; `page` costs `first` × its selection. */
function testSchema(calls: Calls): GraphQLSchema {
  const schema = buildSchema(`
    type Item { id: ID! label: String }
    type Page { items: [Item!]! more: Boolean! }
    type Query { page(first: Int = 2): Page! secret: String! }
    type Mutation { add(tag: String!): Int! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.page.resolve = (_root, args: { first: number }) => {
    calls.page.push(args.first);
    return {
      items: Array.from({ length: args.first }, (_, i) => ({ id: `i${i}`, label: i % 2 ? null : 'a "quoted" \u00e9 label' })),
      more: true,
    };
  };
  (query.page as { extensions: object }).extensions = {
    complexity: ({ args, childComplexity }: { args: { first: number }; childComplexity: number }) => args.first * childComplexity,
  };
  query.secret.resolve = (_root, _args, context: TestContext) => {
    if (context.role !== 'admin') throw new GraphQLError('admins only', { extensions: { code: 'FORBIDDEN' } });
    return 's3cret';
  };
  schema.getMutationType()!.getFields().add.resolve = (_root, args: { tag: string }) => {
    calls.add.push(args.tag);
    return calls.add.length;
  };
  return schema;
}

/** Apollo with the API's options, called as the API's HTTP handler calls it, and the lane those options feed. */
async function apiApollo(schema: GraphQLSchema, compiledExecution: boolean) {
  const { server, lane } = await apolloWithApiOptions(schema, compiledExecution);
  const viaApollo = async (body: Record<string, unknown>, context: TestContext = { role: 'reader' }) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body },
      context: async () => context,
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete answer');
    return { status: response.status ?? 200, contentType: response.headers.get('content-type'), body: response.body.string };
  };
  const viaLane = (body: unknown, context: TestContext = { role: 'reader' }) => lane.answer(body, () => context);
  return { server, lane, viaApollo, viaLane };
}

const PAGE = 'query Items($first: Int) { page(first: $first) { items { id label } more } }';

describe('QueryFastLane: repeated queries answered past Apollo, exactly as Apollo answers them', () => {
  const calls: Calls = { page: [], add: [] };
  let api: Awaited<ReturnType<typeof apiApollo>>;

  beforeAll(async () => {
    api = await apiApollo(testSchema(calls), true);
  });
  afterAll(() => api.server.stop());
  beforeEach(() => {
    calls.page.splice(0);
    calls.add.splice(0);
  });

  it('answers a query Apollo has served with the very bytes Apollo writes, running the resolvers each time', async () => {
    const body = { query: PAGE, operationName: 'Items', variables: { first: 3 } };
    expect(await api.viaLane(body)).toBeNull(); // not seen yet
    const apollo = await api.viaApollo(body);
    expect(apollo).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8' });
    const answered = api.lane.answeredRequests;
    for (let again = 0; again < 3; again++) expect(await api.viaLane(body)).toBe(apollo.body);
    expect(api.lane.answeredRequests).toBe(answered + 3);
    expect(calls.page).toEqual([3, 3, 3, 3]);
    // The same text with other variables is the same prepared query, run for these variables.
    expect(JSON.parse((await api.viaLane({ ...body, variables: { first: 1 } }))!)).toEqual(
      JSON.parse((await api.viaApollo({ ...body, variables: { first: 1 } })).body),
    );
  });

  it('leaves mutations to Apollo: a repeated mutation never runs in the lane', async () => {
    const body = { query: 'mutation { add(tag: "x") }' };
    await api.viaApollo(body);
    expect(await api.viaLane(body)).toBeNull();
    expect(calls.add).toEqual(['x']);
  });

  it('declines an answer with errors (Apollo words and formats them), and an operation too costly for these variables', async () => {
    const secret = { query: '{ secret }' };
    expect(JSON.parse((await api.viaApollo(secret, { role: 'admin' })).body)).toEqual({ data: { secret: 's3cret' } });
    expect(await api.viaLane(secret, { role: 'admin' })).toBe('{"data":{"secret":"s3cret"}}\n');
    expect(await api.viaLane(secret, { role: 'reader' })).toBeNull();
    const refused = JSON.parse((await api.viaApollo(secret, { role: 'reader' })).body) as { errors: { extensions: { code: string } }[] };
    expect(refused.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);

    const body = { query: PAGE, operationName: 'Items', variables: { first: 2 } };
    await api.viaApollo(body);
    calls.page.splice(0);
    expect(await api.viaLane({ ...body, variables: { first: 90 } })).toBeNull();
    expect((await api.viaApollo({ ...body, variables: { first: 90 } })).status).toBe(400);
    expect(calls.page).toEqual([]);
  });

  it('never takes a document Apollo refused: too deep, or not valid against the schema', async () => {
    for (const query of ['{ page { items { id } more } page2: page { nope } }', '{ a: page { items { id } } b: secret']) {
      const body = { query };
      expect((await api.viaApollo(body)).status).toBe(400);
      expect(await api.viaLane(body)).toBeNull();
    }
    expect(calls.page).toEqual([]);
  });

  it.each([
    ['extensions (a persisted query)', { extensions: { persistedQuery: { version: 1 } } }],
    ['an unknown field', { other: 1 }],
    ['an empty operation name', { operationName: '' }],
    ['an operation name that is not a string', { operationName: 1 }],
    ['variables that are a list', { variables: [1] }],
    ['variables that are a string', { variables: '{"first":1}' }],
  ])('declines a body with %s: Apollo judges it', async (_what, extra) => {
    const body = { query: PAGE, operationName: 'Items' };
    await api.viaApollo(body);
    expect(await api.viaLane(body)).not.toBeNull();
    expect(await api.viaLane({ ...body, ...extra })).toBeNull();
  });

  it.each([null, [], 'text', 1])('declines a body that is not an object (%j)', async (body) => {
    expect(await api.viaLane(body)).toBeNull();
  });

  it('declines variables that do not fit their types (Apollo answers with the coercion error)', async () => {
    const body = { query: PAGE, operationName: 'Items', variables: { first: 2 } };
    await api.viaApollo(body);
    expect(await api.viaLane({ ...body, variables: { first: 'two' } })).toBeNull();
    expect((await api.viaApollo({ ...body, variables: { first: 'two' } })).status).toBe(400);
  });
});

describe('QueryFastLane off', () => {
  it('is closed without compiled execution (the api Lambda): Apollo answers every request', async () => {
    const api = await apiApollo(testSchema({ page: [], add: [] }), false);
    try {
      const body = { query: PAGE, operationName: 'Items' };
      await api.viaApollo(body);
      await api.viaApollo(body);
      expect(await api.viaLane(body)).toBeNull();
    } finally {
      await api.server.stop();
    }
  });
});

describe('acceptsPlainJson', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['*/*', true],
    ['application/json', true],
    ['application/graphql-response+json', false],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['multipart/mixed', false],
    ['text/html', false],
  ])('%j → %j', (accept, expected) => {
    expect(acceptsPlainJson(accept)).toBe(expected);
  });
});

describe('PreparedQueries', () => {
  const document = { kind: 'Document', definitions: [] } as never;

  it('keeps texts by operation name', () => {
    const prepared = new PreparedQueries();
    prepared.remember('{ a }', undefined, document);
    expect(prepared.get('{ a }', undefined)?.document).toBe(document);
    expect(prepared.get('{ a }', 'A')).toBeUndefined();
    expect(prepared.get('{ b }', undefined)).toBeUndefined();
  });

  it('never keeps a text longer than the limit', () => {
    const prepared = new PreparedQueries();
    const long = `{ a${' '.repeat(MAX_PREPARED_QUERY_LENGTH)} }`;
    prepared.remember(long, undefined, document);
    expect(prepared.get(long, undefined)).toBeUndefined();
  });

  it('starts over once full, so it never holds more than the limit', () => {
    const prepared = new PreparedQueries();
    for (let i = 0; i < MAX_PREPARED_QUERIES; i++) prepared.remember(`{ a${i} }`, undefined, document);
    expect(prepared.size).toBe(MAX_PREPARED_QUERIES);
    prepared.remember('{ a0 }', undefined, document); // known: nothing changes
    expect(prepared.size).toBe(MAX_PREPARED_QUERIES);
    prepared.remember('{ next }', undefined, document);
    expect(prepared.size).toBe(1);
    expect(prepared.get('{ next }', undefined)?.document).toBe(document);
    expect(prepared.get('{ a1 }', undefined)).toBeUndefined();
  });
});
