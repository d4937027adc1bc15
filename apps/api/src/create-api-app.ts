import type { DynamicModule, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import {
  EnsureInitialAdminKey,
  type EnsureInitialAdminKeyResult,
} from '@pipeline/application/api-keys/ensure-initial-admin-key/ensure-initial-admin-key.command.js';
import { configureApiHttp } from './http/configure-api-http.js';

/** A Nest HTTP application over `module` (which must include ApiModule), initialised but not yet listening. */
export async function createApiApp(
  module: DynamicModule,
  config: PipelineConfig,
  logger: LogLevel[] | false = ['log', 'error', 'warn'],
): Promise<NestExpressApplication> {
  // Body parsing is set up per route in configureApiHttp (uploads must stream).
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger, abortOnError: false });
  configureApiHttp(app, config);
  // Initialised now (handlers registered, GraphQL mounted), so callers can use the buses before listening.
  await app.init();
  return app;
}

/** Listens on API_HOST:PORT and returns the base URL. */
export async function listenApi(app: NestExpressApplication, config: PipelineConfig): Promise<string> {
  await app.listen(config.port, config.api.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.api.host === '0.0.0.0' || config.api.host === '::' ? '127.0.0.1' : config.api.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** First local start: creates an admin key when none exists. Returns the key to print (this is the only time it is shown). */
export async function ensureFirstAdminKey(app: NestExpressApplication): Promise<string | null> {
  const result: EnsureInitialAdminKeyResult = await app.get(CommandBus).execute(new EnsureInitialAdminKey());
  return result.created ? result.key : null;
}

/** The banner line saying where the API is. */
export const apiBannerLine = (url: string): string =>
  `  API              ${url}/graphql   (GraphQL + graphql-ws; REST: POST /ingest, GET /health, GET /metrics)`;

/** On a first start: the admin key, shown this once, and how to use it. */
export function firstKeyLines(url: string, key: string | null): string[] {
  if (!key) return [];
  return [
    'First start: an admin API key was created. It is shown only this once — keep it:',
    `  ${key}`,
    `  curl -X POST ${url}/ingest -H 'Content-Type: application/json' -H 'Authorization: Bearer ${key}' -d '{"data":[{"id":1,"value":"test"}]}'`,
    '  More keys: npx pipeline keys create --role reader|ingester|admin --name NAME',
    '',
  ];
}
