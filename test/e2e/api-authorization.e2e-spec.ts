import { CommandBus } from '@nestjs/cqrs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { RevokeApiKey } from '@pipeline/application/api-keys/revoke-api-key/revoke-api-key.command.js';
import { CreateApiKey, type CreatedApiKey } from '@pipeline/application/api-keys/create-api-key/create-api-key.command.js';
import { roleAllows, type ApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { codesOf, gql } from '@pipeline/testing/api/graphql-client.js';
import { operationsOf, type FieldOperation } from '@pipeline/testing/api/schema-operations.js';
import { subscribe } from '@pipeline/testing/api/ws-subscription.js';
import { API_ROLE } from '../../apps/api/src/auth/api-role.decorator.js';
import { API_RESOLVERS } from '../../apps/api/src/api.module.js';

/**
 * The lowest role each operation needs. Every Query, Mutation and Subscription field of the schema
 * must be listed: a new operation fails this suite until someone decides who may run it.
 */
const REQUIRED_ROLE: Readonly<Record<string, ApiKeyRole>> = {
  'Query.processedRecords': 'reader',
  'Query.report': 'reader',
  'Query.reports': 'reader',
  'Query.reportSubscriptions': 'reader',
  'Mutation.generateReport': 'admin',
  'Mutation.subscribeToReports': 'admin',
  'Mutation.unsubscribe': 'admin',
  'Query.ingestion': 'reader',
  'Query.ingestions': 'reader',
  'Query.datasets': 'reader',
  'Query.dataset': 'reader',
  'Query.pipelineHealth': 'reader',
  'Mutation.ingest': 'ingester',
  'Mutation.createUploadUrl': 'ingester',
  'Mutation.retryIngestion': 'admin',
  'Mutation.replayDeadLetters': 'admin',
  'Mutation.defineDataset': 'admin',
  'Subscription.ingestionUpdated': 'reader',
};

const ROLES: readonly ApiKeyRole[] = ['reader', 'ingester', 'admin'];
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

describeWithRealPostgres('authorisation of every operation, every role and no key (real HTTP and graphql-ws)', (pg) => {
  let api: StartedApi;
  let operations: FieldOperation[];
  beforeAll(async () => {
    api = await startApi(pg.url);
    operations = operationsOf(api.app.get(GraphQLSchemaHost).schema);
  }, 90_000);
  afterAll(() => api?.close());

  it('knows the required role of every operation in the schema, and of nothing else', () => {
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(REQUIRED_ROLE).sort());
  });

  it('declares on each resolver method the role this table expects', () => {
    const checked: string[] = [];
    for (const resolver of API_RESOLVERS) {
      for (const method of Object.getOwnPropertyNames(resolver.prototype)) {
        const name = Object.keys(REQUIRED_ROLE).find((op) => op.endsWith(`.${method}`));
        if (!name) continue;
        expect({ name, role: Reflect.getMetadata(API_ROLE, (resolver.prototype as unknown as Record<string, object>)[method]) }).toEqual({
          name,
          role: REQUIRED_ROLE[name],
        });
        checked.push(name);
      }
    }
    expect(checked.sort()).toEqual(Object.keys(REQUIRED_ROLE).sort());
  });

  it('refuses every query and mutation without a key (401, before anything runs)', async () => {
    for (const op of operations.filter((o) => o.kind !== 'subscription')) {
      const reply = await gql(api.url, undefined, op.query, op.variables);
      expect({ op: op.name, status: reply.status, codes: codesOf(reply) }).toEqual({
        op: op.name,
        status: 401,
        codes: ['UNAUTHENTICATED'],
      });
    }
  });

  it('runs every query and mutation exactly for the roles allowed to (FORBIDDEN below the required role)', async () => {
    for (const op of operations.filter((o) => o.kind !== 'subscription')) {
      for (const role of ROLES) {
        const reply = await gql(api.url, api.keys[role], op.query, op.variables);
        const denied = codesOf(reply).filter((c) => AUTH_CODES.includes(c ?? ''));
        const expected = roleAllows(role, REQUIRED_ROLE[op.name]) ? [] : ['FORBIDDEN'];
        expect({ op: op.name, role, denied }).toEqual({ op: op.name, role, denied: expected });
        if (expected.length > 0) expect(reply.data).toBeNull();
      }
    }
  });

  it('opens subscriptions for every role, and closes the connection without a valid key', async () => {
    for (const op of operations.filter((o) => o.kind === 'subscription')) {
      for (const key of [undefined, 'pk_0123456789ab_' + 'A'.repeat(43)]) {
        const probe = subscribe(api.url, key, op.query, op.variables);
        const ended = (await probe.ended) as { error?: { code?: number } };
        expect({ op: op.name, key: key ? 'invalid' : 'none', code: ended.error?.code }).toEqual({
          op: op.name,
          key: key ? 'invalid' : 'none',
          code: 4403,
        });
        await probe.dispose();
      }
      for (const role of ROLES) {
        const probe = subscribe(api.url, api.keys[role], op.query, op.variables);
        const outcome = await Promise.race([probe.ended, new Promise((r) => setTimeout(() => r('open'), 400))]);
        expect({ op: op.name, role, outcome }).toEqual({
          op: op.name,
          role,
          outcome: roleAllows(role, REQUIRED_ROLE[op.name]) ? 'open' : expect.anything(),
        });
        await probe.dispose();
      }
    }
  });

  it('guards the REST routes: /ingest for ingesters, /metrics for readers, /health and upload URLs without a key', async () => {
    const post = (key?: string) =>
      fetch(`${api.url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body: '{"data":[{"a":1}]}',
      });
    expect((await post()).status).toBe(401);
    expect((await post(api.keys.reader)).status).toBe(403);
    expect((await post(api.keys.ingester)).status).toBe(202);
    expect((await post(api.keys.admin)).status).toBe(202);
    const metrics = (key?: string) => fetch(`${api.url}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    expect((await metrics()).status).toBe(401);
    for (const role of ROLES) expect((await metrics(api.keys[role])).status).toBe(200);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    expect((await fetch(`${api.url}/uploads/x.y`, { method: 'PUT', body: 'a' })).status).toBe(403);
    expect((await fetch(`${api.url}/nothing-here`, { headers: { 'x-api-key': api.keys.admin } })).status).toBe(404);
  });

  it('refuses unknown, malformed and revoked keys; stores only hashes', async () => {
    for (const key of ['nope', 'pk_0123456789ab_' + 'A'.repeat(43), `${api.keys.admin}x`]) {
      const reply = await gql(api.url, key, '{ datasets { name } }');
      expect({ key, status: reply.status, codes: codesOf(reply) }).toEqual({ key, status: 401, codes: ['UNAUTHENTICATED'] });
    }
    const created: CreatedApiKey = await api.app.get(CommandBus).execute(new CreateApiKey('short-lived', 'admin'));
    expect((await gql(api.url, created.key, '{ datasets { name } }')).status).toBe(200);
    expect(await api.app.get(CommandBus).execute(new RevokeApiKey(created.id))).toBe(true);
    expect((await gql(api.url, created.key, '{ datasets { name } }')).status).toBe(401);
    const rows: { id: string; secret_hash: string }[] = await pg.database.query('SELECT id, secret_hash FROM api_keys');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      for (const key of [...Object.values(api.keys), created.key]) expect(key).not.toContain(row.secret_hash);
    }
  });

  it('accepts the key as x-api-key as well as a bearer token, and introspection only with a key', async () => {
    const viaHeader = await gql(api.url, undefined, '{ datasets { name } }', undefined, { 'x-api-key': api.keys.reader });
    expect(viaHeader.status).toBe(200);
    expect((await gql(api.url, undefined, '{ __schema { queryType { name } } }')).status).toBe(401);
    expect((await gql(api.url, api.keys.reader, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});
