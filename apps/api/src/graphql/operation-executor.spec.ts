import { buildSchema, execute, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { PortError } from '@pipeline/domain/errors.js';
import { EXECUTIONS_BEFORE_COMPILING, MAX_TRACKED_DOCUMENTS, OperationExecutor, type Operation } from './operation-executor.js';

interface Item {
  readonly id: string;
  readonly n: number;
  readonly tags: string[];
  readonly missing?: null;
}

const ITEMS: Item[] = [
  { id: 'a', n: 1, tags: ['x'] },
  { id: 'b', n: 2, tags: [] },
  { id: 'c', n: 3, tags: ['y', 'z'] },
];

function testSchema(log: string[]): GraphQLSchema {
  const schema = buildSchema(`
    type Item { id: ID! n: Int! tags: [String!]! missing: String! }
    type Page { items: [Item!]! next: String }
    type Query { page(first: Int = 2): Page! failing: Int broken: Item! version: String! }
    type Mutation { add(tag: String!): Int! }
    type Subscription { ticks: Int! }
  `);
  const query = schema.getQueryType()!.getFields();
  query.page.resolve = async (_root, args: { first: number }) => {
    if (args.first > 3) throw new PortError('INVALID_INPUT', 'first must be at most 3');
    return { items: ITEMS.slice(0, args.first), next: args.first < 3 ? 'more' : null };
  };
  query.failing.resolve = () => {
    throw new GraphQLError('not for you', { extensions: { code: 'FORBIDDEN' } });
  };
  query.broken.resolve = () => ITEMS[0];
  query.version.resolve = () => '1';
  schema.getMutationType()!.getFields().add.resolve = async (_root, args: { tag: string }) => {
    await new Promise((resolve) => setTimeout(resolve, args.tag === 'slow' ? 20 : 0));
    log.push(args.tag);
    return log.length;
  };
  return schema;
}

// Every row has all three values: jest would take a missing one for a `done` callback.
const OPERATIONS: readonly [string, Record<string, unknown> | undefined, string | undefined][] = [
  ['{ page { items { id n tags } next } }', undefined, undefined],
  [
    'query($f: Int!) { p: page(first: $f) { ...I next } v: version } fragment I on Page { items { ... on Item { id } __typename } }',
    { f: 3 },
    undefined,
  ],
  ['query($f: Int!) { page(first: $f) { next } }', { f: 4 }, undefined],
  ['query($f: Int!) { page(first: $f) { next } }', { f: 'x' }, undefined],
  ['query($f: Int!) { page(first: $f) { next } }', {}, undefined],
  ['query($show: Boolean!) { page { items @include(if: $show) { id } next @skip(if: $show) } }', { show: false }, undefined],
  ['{ failing version }', undefined, undefined],
  ['{ broken { id missing } }', undefined, undefined],
  ['query A { version } query B { page { next } }', undefined, 'B'],
  ['query A { version } query B { page { next } }', undefined, 'C'],
];

/** As Apollo writes a result: errors, data, extensions. */
const written = ({ errors, data, extensions }: ExecutionResult): string => JSON.stringify({ errors, data, extensions });

const operation = (document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): Operation => ({
  document,
  operationName,
  variables,
  context: {},
});

describe('OperationExecutor (graphql-jit for repeated operations)', () => {
  it.each(OPERATIONS)('answers %s exactly as graphql-js does, first and once compiled', async (text, variables, operationName) => {
    const schema = testSchema([]);
    const executor = new OperationExecutor(schema);
    await executor.preload();
    const document = parse(text);
    const expected = written(await execute({ schema, document, variableValues: variables, operationName }));
    for (let run = 0; run < EXECUTIONS_BEFORE_COMPILING + 1; run++) {
      expect(written(await executor.execute(operation(document, variables, operationName)))).toBe(expected);
    }
  });

  it('compiles a document only when it is executed again, and only once', async () => {
    const executor = new OperationExecutor(testSchema([]));
    await executor.preload();
    const repeated = parse('{ page { next } }');
    await executor.execute(operation(parse('{ version }')));
    await executor.execute(operation(repeated));
    expect(executor.compiledOperations).toBe(0);
    await Promise.all(Array.from({ length: 5 }, () => executor.execute(operation(repeated))));
    expect(executor.compiledOperations).toBe(1);
  });

  it('tracks a bounded number of documents: past the bound a document starts over on graphql-js', async () => {
    const executor = new OperationExecutor(testSchema([]));
    await executor.preload();
    const kept = parse('{ version }');
    for (let run = 0; run < 2; run++) await executor.execute(operation(kept));
    expect(executor.compiledOperations).toBe(1);
    for (let i = 0; i < MAX_TRACKED_DOCUMENTS; i++) await executor.execute(operation(parse(`{ v${i}: version }`)));
    await executor.execute(operation(kept));
    expect(executor.compiledOperations).toBe(1);
    await executor.execute(operation(kept));
    expect(executor.compiledOperations).toBe(2);
  });

  it('leaves subscriptions to graphql-js', async () => {
    const executor = new OperationExecutor(testSchema([]));
    await executor.preload();
    const document = parse('subscription { ticks }');
    for (let run = 0; run < 3; run++) await executor.execute(operation(document));
    expect(executor.compiledOperations).toBe(0);
  });

  it('runs mutation fields one after the other once compiled, as graphql-js does', async () => {
    const log: string[] = [];
    const executor = new OperationExecutor(testSchema(log));
    await executor.preload();
    const document = parse('mutation { first: add(tag: "slow") second: add(tag: "fast") }');
    for (let run = 0; run < 2; run++) await executor.execute(operation(document));
    expect(executor.compiledOperations).toBe(1);
    expect(log).toEqual(['slow', 'fast', 'slow', 'fast']);
  });

  it('hands Apollo graphql-js errors: extensions, path, locations and the original error kept', async () => {
    const executor = new OperationExecutor(testSchema([]));
    await executor.preload();
    const document = parse('query($f: Int!) {\n  failing\n  page(first: $f) { next }\n}');
    for (let run = 0; run < 2; run++) await executor.execute(operation(document, { f: 4 }));
    const { errors } = await executor.execute(operation(document, { f: 4 }));
    expect(executor.compiledOperations).toBe(1);
    const [forbidden, invalid] = errors ?? [];
    for (const error of [forbidden, invalid]) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.constructor).toBe(GraphQLError);
      expect(typeof error.extensions).toBe('object'); // Apollo reads extensions.code
    }
    expect(forbidden.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(forbidden.locations).toEqual([{ line: 2, column: 3 }]);
    expect(invalid.path).toEqual(['page']);
    expect(invalid.originalError).toBeInstanceOf(PortError);
    expect(invalid.locations).toEqual([{ line: 3, column: 3 }]);
  });
});
