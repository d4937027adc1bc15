import type { ApolloServer, BaseContext } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { RequestListener, Server } from 'node:http';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import { apiKeyMiddleware } from '../auth/api-key.middleware.js';
import { GRAPHQL_PATH, graphqlContext, isProduction } from '../graphql/graphql-options.js';
import { QueryFastLane } from '../graphql/query-fast-lane.js';
import { ApiRequestMetrics } from '../health/api-request-metrics.js';
import { graphqlPostHandler } from './graphql-post.handler.js';
import { queryLaneListener } from './query-lane-listener.js';

/**
 * Express-level setup, before Nest adds its routes: request metrics, JSON bodies (size-limited,
 * only where JSON is expected — an upload's body is streamed, never parsed), the API key
 * middleware, and error answers for requests that never reach a route. GraphQL POSTs with a JSON
 * body take a direct path through the same steps (graphqlPostHandler); repeated queries the query
 * lane answers do not reach Express at all (queryLaneListener).
 */
export function configureApiHttp(app: NestExpressApplication, config: PipelineConfig): void {
  const production = isProduction(config);
  app.disable('x-powered-by');
  // Responses are per key and never cached: hashing every body for an ETag would be wasted work.
  app.set('etag', false);
  const metrics = app.get(ApiRequestMetrics).middleware();
  const apiKey = apiKeyMiddleware(app.get(ApiKeyAuthenticator), GRAPHQL_PATH);
  app.use(
    graphqlPostHandler({
      path: GRAPHQL_PATH,
      maxBodyBytes: config.api.maxBodyBytes,
      apollo: apolloOf(app),
      context: graphqlContext,
      metrics,
      apiKey,
    }),
  );
  app.use(metrics);
  const json = express.json({ limit: config.api.maxBodyBytes, type: ['application/json', 'application/*+json'] });
  app.use(GRAPHQL_PATH, json);
  app.use('/ingest', json);
  app.use(apiKey);
  app.use(earlyErrorHandler(production, config.api.maxBodyBytes));
  inFrontOfExpress(app, config);
}

/** The query lane's listener takes the HTTP server's requests first (the api Lambda has no server: Express gets them directly). */
function inFrontOfExpress(app: NestExpressApplication, config: PipelineConfig): void {
  const server = app.getHttpServer() as Server;
  const [express] = server.listeners('request') as RequestListener[];
  if (!express) throw new Error('the API has no HTTP request listener to put the query lane in front of');
  server.removeListener('request', express);
  server.on(
    'request',
    queryLaneListener(
      {
        path: GRAPHQL_PATH,
        maxBodyBytes: config.api.maxBodyBytes,
        lane: app.get(QueryFastLane),
        authenticator: app.get(ApiKeyAuthenticator),
        metrics: app.get(ApiRequestMetrics),
      },
      express,
    ),
  );
}

/** The Apollo server Nest's GraphQL module started (during app.init(), after these middlewares are set up). */
function apolloOf(app: NestExpressApplication): () => ApolloServer<BaseContext> | null {
  let apollo: ApolloServer<BaseContext> | null = null;
  return () => (apollo ??= app.get<GraphQLModule<ApolloDriver>>(GraphQLModule, { strict: false }).graphQlAdapter.instance ?? null);
}

interface BodyError {
  readonly type?: string;
  readonly status?: number;
  readonly message?: string;
  /** http-errors' flag: the message is meant for the client (body-parser's own 4xx errors). */
  readonly expose?: boolean;
}

const BODY_ERRORS: Readonly<Record<string, { status: number; message: (limit: number) => string }>> = {
  'entity.too.large': { status: 413, message: (limit) => `request body larger than ${limit} bytes` },
  'entity.parse.failed': { status: 400, message: () => 'request body is not valid JSON' },
  'encoding.unsupported': { status: 415, message: () => 'unsupported content encoding' },
  'charset.unsupported': { status: 415, message: () => 'unsupported charset' },
  'request.aborted': { status: 400, message: () => 'request aborted' },
};

/** A body the client sent but that cannot be read, e.g. a corrupt gzip stream (zlib's Z_DATA_ERROR, which body-parser passes on untyped). */
function unreadableBody(error: BodyError): { status: number; message: () => string } | undefined {
  const clientError = error.expose === true && typeof error.status === 'number' && error.status >= 400 && error.status < 500;
  return clientError
    ? { status: error.status!, message: () => `request body could not be read: ${error.message ?? 'unknown reason'}` }
    : undefined;
}

/** Malformed or oversized bodies, and failures in the middleware above (a database that is down while checking a key). */
function earlyErrorHandler(production: boolean, limit: number) {
  // Express recognises error handlers by their four parameters.
  return (error: BodyError, req: Request, res: Response, _next: NextFunction): void => {
    const known = (error.type ? BODY_ERRORS[error.type] : undefined) ?? unreadableBody(error);
    const status = known?.status ?? 503;
    const message = known
      ? known.message(limit)
      : production
        ? 'service unavailable'
        : `service unavailable: ${error.message ?? String(error)}`;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 503 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST';
    if (res.headersSent) return;
    res
      .status(status)
      .json(req.path === GRAPHQL_PATH ? { errors: [{ message, extensions: { code } }] } : { statusCode: status, error: code, message });
  };
}
