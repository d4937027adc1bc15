import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { configure } from '@vendia/serverless-express';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context, Handler } from 'aws-lambda';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { checkConnectivity, isTestInvocation, type ConnectivityReport } from '@pipeline/adapters/aws/connectivity-check.js';
import { DatabaseHandle } from '@pipeline/adapters/database/database-handle.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { ApiAppModule } from './api-app.module.js';
import { createApiApp } from './create-api-app.js';

type HttpHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

let ready: Promise<HttpHandler> | null = null;
let application: INestApplicationContext | null = null;

/** Built once per container: the same Nest app as the local server, without graphql-ws (API Gateway HTTP APIs carry no WebSockets). */
async function bootstrap(): Promise<HttpHandler> {
  const config = loadPipelineConfig();
  const app = await createApiApp(ApiAppModule.forRoot(config, 'lambda'), config, ['error', 'warn']);
  application = app;
  return configure({ app: app.getHttpAdapter().getInstance() }) as unknown as HttpHandler;
}

/** API Gateway HTTP API (payload v2) → Nest. Use the `$default` stage: a named stage's prefix is not stripped. */
export const handler = async (
  event: APIGatewayProxyEventV2 | { test: true },
  context: Context,
): Promise<APIGatewayProxyResultV2 | ConnectivityReport | { ok: false; error: string }> => {
  ready ??= bootstrap().catch((error: unknown) => {
    ready = null; // the next invocation tries again instead of failing forever
    throw error;
  });
  // `{"test": true}` (verify_deployment.sh): the dependencies this function uses, without side effects.
  if (isTestInvocation(event)) return testConnectivity();
  const run = await ready;
  return (await run(event as APIGatewayProxyEventV2, context, () => undefined)) as APIGatewayProxyResultV2;
};

async function testConnectivity(): Promise<ConnectivityReport | { ok: false; error: string }> {
  try {
    await ready;
    const app = application!;
    return await checkConnectivity({
      store: app.get(ObjectStore),
      queue: app.get(WorkQueue),
      events: app.get(EventStore),
      database: app.get(DatabaseHandle).database,
    });
  } catch (error) {
    return { ok: false, error: `the api could not start: ${(error as Error)?.message ?? String(error)}` };
  }
}

/** Closes the container's app (database pool included): for tests and a graceful SIGTERM; Lambda itself just freezes containers. */
export async function shutdownApiLambda(): Promise<void> {
  const app = application;
  application = null;
  ready = null;
  await app?.close();
}
