import 'reflect-metadata';
import type { ApolloServer, GraphQLResponse } from '@apollo/server';
import { apolloWithApiOptions } from '@pipeline/testing/api/apollo-with-api-options.js';
import { NestFactory } from '@nestjs/core';
import { Args, Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { withPlainFieldReads } from './plain-field-reads.js';
import { pageComplexity } from './query-complexity.js';

@ObjectType()
class Thing {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, defaultValue: 'none' })
  label?: string;

  @Field(() => [Thing])
  children!: Thing[];

  @Field({ name: 'kind', nullable: true })
  internalKind?: string;
}

@Resolver(() => Thing)
class ThingsResolver {
  @Query(() => [Thing], { complexity: pageComplexity(10) })
  things(@Args('first', { type: () => Int, defaultValue: 10 }) first: number): Thing[] {
    return Array.from({ length: first }, (_, i) => ({ name: `t${i}`, children: [], internalKind: 'thing' }));
  }
}

/** The schema Nest builds for ThingsResolver, resolved by `things` (counting its calls), through the API's schema hook. */
async function thingsSchema(calls: number[]): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = withPlainFieldReads(await app.get(GraphQLSchemaFactory).create([ThingsResolver]));
    schema.getQueryType()!.getFields().things.resolve = (_root, args: { first: number }) => {
      calls.push(args.first);
      return new ThingsResolver().things(args.first);
    };
    return schema;
  } finally {
    await app.close();
  }
}

function single(response: GraphQLResponse) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

const codes = (result: { errors?: readonly { extensions?: { code?: unknown } }[] }) => result.errors?.map((e) => e.extensions?.code) ?? [];

describe('the API GraphQL options: limits hold for cached and compiled operations', () => {
  const calls: number[] = [];
  let server: ApolloServer;

  beforeAll(async () => {
    ({ server } = await apolloWithApiOptions(await thingsSchema(calls)));
  });
  afterAll(() => server.stop());
  beforeEach(() => calls.splice(0));

  const run = async (query: string, variables?: Record<string, unknown>) => single(await server.executeOperation({ query, variables }));

  it('refuses a too-deep operation every time it is sent, before running it', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await run('{ things(first: 1) { children { children { name } } } }');
      expect({ attempt, status: reply.status, codes: codes(reply) }).toEqual({
        attempt,
        status: 400,
        codes: ['GRAPHQL_VALIDATION_FAILED'],
      });
      expect(reply.errors?.[0].message).toBe('operation is 4 levels deep; the limit is 3');
    }
    expect(calls).toEqual([]);
  });

  it('refuses a too-complex operation every time it is sent, before running it', async () => {
    for (let attempt = 0; attempt < 3; attempt++)
      expect(codes(await run('{ things(first: 200) { name } }'))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(calls).toEqual([]);
  });

  it('costs a cached, compiled document again for each request: new variables can make it too complex', async () => {
    const query = 'query($first: Int!) { things(first: $first) { name label kind } }';
    const first = await run(query, { first: 2 });
    expect(first.data).toEqual({
      things: [
        { name: 't0', label: 'none', kind: 'thing' },
        { name: 't1', label: 'none', kind: 'thing' },
      ],
    });
    for (let again = 0; again < 3; again++) expect((await run(query, { first: 2 })).data).toEqual(first.data);
    const tooMany = await run(query, { first: 500 });
    expect(codes(tooMany)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(calls).toEqual([2, 2, 2, 2]);
  });

  it('keeps the resolvers Nest needs (defaults, renamed fields) and drops the plain property reads', async () => {
    const schema = await thingsSchema([]);
    const fields = (schema.getType('Thing') as GraphQLObjectType).getFields();
    expect(fields.name.resolve).toBeUndefined();
    expect(fields.children.resolve).toBeUndefined();
    expect(fields.label.resolve).toBeDefined(); // it supplies the default
    expect(fields.kind.resolve).toBeDefined(); // it reads a property of another name
  });
});
