import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { PostgresApiKeyStore } from '@pipeline/adapters/postgres-api/postgres-api-key-store.js';
import { issueApiKey } from '@pipeline/application/api-keys/api-key-secret.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';

/** An API Gateway HTTP API (payload format 2.0) request on the `$default` stage. */
function httpApiEvent(method: string, path: string, headers: Record<string, string>, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: `req-${Math.random().toString(16).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
  };
}

const context = { functionName: 'api', awsRequestId: 'r1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describeWithRealPostgres('the api Lambda handler answers API Gateway v2 events', (pg) => {
  let dataDir: string;
  let key: string;
  let lambda: typeof import('../../apps/api/src/lambda.js');
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-api-lambda-'));
    Object.assign(process.env, { PIPELINE_MODE: 'local', DATABASE_URL: pg.url, DATA_DIR: dataDir, DATASETS_DIR: join(dataDir, 'none') });
    const issued = issueApiKey();
    await new PostgresApiKeyStore(pg.database).create({
      id: issued.id,
      name: 'lambda test',
      role: 'reader',
      secretHash: issued.secretHash,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    key = issued.key;
    lambda = await import('../../apps/api/src/lambda.js');
  });
  afterAll(async () => {
    await lambda?.shutdownApiLambda();
    process.env = saved;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a GraphQL query', async () => {
    const body = JSON.stringify({ query: '{ datasets { name } pipelineHealth { deadLetterDepth alarms { name state } } }' });
    const event = httpApiEvent('POST', '/graphql', { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body);
    const result = (await lambda.handler(event, context)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    const reply = JSON.parse(result.body ?? '{}');
    expect(reply.errors).toBeUndefined();
    expect(reply.data.datasets).toEqual([]);
    expect(reply.data.pipelineHealth.alarms).toHaveLength(4);
  }, 60_000);

  it('refuses a request without a key, and serves /health', async () => {
    const body = JSON.stringify({ query: '{ datasets { name } }' });
    const refused = (await lambda.handler(
      httpApiEvent('POST', '/graphql', { 'content-type': 'application/json' }, body),
      context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(refused.statusCode).toBe(401);
    const health = (await lambda.handler(httpApiEvent('GET', '/health', {}), context)) as APIGatewayProxyStructuredResultV2;
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body ?? '{}')).toEqual({ status: 'ok' });
  });
});
