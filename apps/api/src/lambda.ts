import 'reflect-metadata';
import { configure } from '@vendia/serverless-express';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context, Handler } from 'aws-lambda';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { ApiAppModule } from './api-app.module.js';
import { createApiApp } from './create-api-app.js';

type HttpHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

let ready: Promise<HttpHandler> | null = null;
let application: { close(): Promise<void> } | null = null;

/** Built once per container: the same Nest app as the local server, without graphql-ws (API Gateway HTTP APIs carry no WebSockets). */
async function bootstrap(): Promise<HttpHandler> {
  const config = loadPipelineConfig();
  const app = await createApiApp(ApiAppModule.forRoot(config, 'lambda'), config, ['error', 'warn']);
  application = app;
  return configure({ app: app.getHttpAdapter().getInstance() }) as unknown as HttpHandler;
}

/** API Gateway HTTP API (payload v2) → Nest. Use the `$default` stage: a named stage's prefix is not stripped. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  ready ??= bootstrap().catch((error: unknown) => {
    ready = null; // the next invocation tries again instead of failing forever
    throw error;
  });
  const run = await ready;
  return (await run(event, context, () => undefined)) as APIGatewayProxyResultV2;
};

/** Closes the container's app (database pool included): for tests and a graceful SIGTERM; Lambda itself just freezes containers. */
export async function shutdownApiLambda(): Promise<void> {
  const app = application;
  application = null;
  ready = null;
  await app?.close();
}
