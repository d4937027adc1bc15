import { buildSchema, execute, GraphQLScalarType, parse, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { JsonText } from '@pipeline/domain/records/json-text.js';
import { planResultWriter } from './result-writer.js';
import { stringifyResult } from './stringify-result.js';

const SDL = `
  scalar JSON
  enum Colour { RED GREEN }
  interface Named { name: String! }
  type Person implements Named { name: String! age: Int score: Float tags: [String!]! friends: [Person] colour: Colour }
  type Robot implements Named { name: String! model: String grid: [[Int]] }
  union Thing = Person | Robot
  type Edge { cursor: String! node: Person! data: JSON }
  type Page { edges: [Edge!]! more: Boolean! total: Int }
  type Query {
    people: [Person!]!
    page(first: Int = 2): Page!
    things: [Thing!]!
    named: [Named!]!
    nothing: Person
    flag: Boolean
    json: JSON
    id: ID!
  }
  type Mutation { touch: Int }
`;

const ada = { name: 'Ada "the first" \u00e9\ud83d\ude00', age: 36, score: 1.5, tags: ['a', 'line\nbreak'], friends: null, colour: 'RED' };
const bob = { name: 'Bob', age: null, score: -0.25, tags: [], friends: [ada, null], colour: null };
const robot = { name: 'R2', model: null, grid: [[1, null], [], null] };

function testSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const json = schema.getType('JSON') as GraphQLScalarType;
  json.serialize = (value) => value; // as the API's JSON scalar: a JsonText stays one
  const query = schema.getQueryType()!.getFields();
  query.people.resolve = () => [ada, bob];
  query.page.resolve = (_root, args: { first: number }) => ({
    edges: Array.from({ length: args.first }, (_, i) => ({
      cursor: `c${i}`,
      node: i % 2 ? bob : ada,
      data: i % 2 ? new JsonText('{"a": 1, "b": [1, 2.50]}') : { plain: 'object', n: i },
    })),
    more: true,
    total: null,
  });
  query.things.resolve = () => [
    { ...ada, __typename: 'Person' },
    { ...robot, __typename: 'Robot' },
  ];
  query.named.resolve = () => [
    { ...robot, __typename: 'Robot' },
    { ...bob, __typename: 'Person' },
  ];
  query.nothing.resolve = () => null;
  query.flag.resolve = () => false;
  query.json.resolve = () => new JsonText('[1, {"x": null}]');
  query.id.resolve = () => 42;
  return schema;
}

const PLANNED = [
  '{ people { name age score tags colour } }',
  '{ a: people { n: name } b: people { name friends { name tags } } }',
  '{ people { name } people { age name } }', // one key, merged selections
  '{ page(first: 3) { edges { cursor node { name } data } more total } }',
  'query Page($first: Int) { page(first: $first) { edges { data cursor } more } }',
  '{ things { __typename ... on Person { name age } ... on Robot { model grid } } }',
  '{ named { name ... on Robot { grid } ...P } } fragment P on Person { tags name }',
  '{ ...Root } fragment Root on Query { flag json id nothing { name } }',
  '{ people { ...N } } fragment N on Named { name }',
  '{ toJSON: flag constructor: id }',
  'query A { flag } query B { people { name } }',
];

async function results(schema: GraphQLSchema, query: string, operationName?: string) {
  const document = parse(query);
  const variables = { first: 2 };
  const interpreted = await execute({ schema, document, operationName, variableValues: variables });
  const compiled = compileQuery(schema, document, operationName);
  if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit cannot compile ${query}`);
  const jit = await compiled.query(undefined, {}, variables);
  return { document, interpreted, jit };
}

describe('planResultWriter: the text stringifyResult writes, planned from the selection set', () => {
  const schema = testSchema();

  it.each(PLANNED)('writes the results of %s as stringifyResult does (graphql-js and graphql-jit results)', async (query) => {
    const operationName = query.startsWith('query A') ? 'B' : undefined;
    const { document, interpreted, jit } = await results(schema, query, operationName);
    expect(interpreted.errors).toBeUndefined();
    const write = planResultWriter(schema, document, operationName ?? (query.startsWith('query Page') ? 'Page' : undefined));
    expect(write).not.toBeNull();
    expect(write!(interpreted.data)).toBe(stringifyResult({ data: interpreted.data }));
    expect(write!(jit.data)).toBe(stringifyResult({ data: jit.data }));
  });

  it('writes values of an unexpected kind as the general writer does', () => {
    const write = planResultWriter(schema, parse('{ people { name age tags } flag }'), undefined)!;
    const odd = { people: [{ name: 7, age: 'x', tags: 'not a list' }, null, { name: 'n', age: NaN, tags: [undefined, 1] }], flag: 'yes' };
    expect(write(odd)).toBe(stringifyResult({ data: odd }));
    expect(write(null)).toBe(stringifyResult({ data: null }));
    const withDate = { people: [{ name: new Date(0), age: Infinity }], flag: undefined };
    expect(write(withDate)).toBe(stringifyResult({ data: withDate }));
  });

  it('writes runs of repeated values, and changes between them, as the general writer does', () => {
    const write = planResultWriter(schema, parse('{ people { name tags } }'), undefined)!;
    const names = ['a', 'a', 'b"', 'b"', 7, 'a', 'a', null, 'a', 'line\nbreak', 'line\nbreak'];
    const data = { people: names.map((name) => ({ name, tags: [name, name] })) };
    expect(write(data)).toBe(stringifyResult({ data }));
    expect(write(data)).toBe(stringifyResult({ data })); // and again, starting from the last value
  });

  it.each([
    ['fields that depend on variables (@skip)', 'query($x: Boolean!) { flag @skip(if: $x) id }', undefined],
    ['fields that depend on variables (@include in a fragment)', '{ ...F @include(if: true) } fragment F on Query { id }', undefined],
    ['a mutation', 'mutation { touch }', undefined],
    ['an operation name the document lacks', '{ flag }', 'Other'],
    ['several operations and no name', 'query A { flag } query B { id }', undefined],
    ['a __proto__ alias', '{ __proto__: flag }', undefined],
  ])('plans nothing for %s (the general writer writes it)', (_what, query, operationName) => {
    expect(planResultWriter(schema, parse(query), operationName)).toBeNull();
  });
});
