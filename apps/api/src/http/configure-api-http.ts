import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import { apiKeyMiddleware } from '../auth/api-key.middleware.js';
import { GRAPHQL_PATH, isProduction } from '../graphql/graphql-options.js';
import { ApiRequestMetrics } from '../health/api-request-metrics.js';

/**
 * Express-level setup, before Nest adds its routes: request metrics, JSON bodies (size-limited,
 * only where JSON is expected — an upload's body is streamed, never parsed), the API key
 * middleware, and error answers for requests that never reach a route.
 */
export function configureApiHttp(app: NestExpressApplication, config: PipelineConfig): void {
  const production = isProduction(config);
  app.disable('x-powered-by');
  // Responses are per key and never cached: hashing every body for an ETag would be wasted work.
  app.set('etag', false);
  app.use(app.get(ApiRequestMetrics).middleware());
  const json = express.json({ limit: config.api.maxBodyBytes, type: ['application/json', 'application/*+json'] });
  app.use(GRAPHQL_PATH, json);
  app.use('/ingest', json);
  app.use(apiKeyMiddleware(app.get(ApiKeyAuthenticator), GRAPHQL_PATH));
  app.use(earlyErrorHandler(production, config.api.maxBodyBytes));
}

interface BodyError {
  readonly type?: string;
  readonly status?: number;
  readonly message?: string;
}

const BODY_ERRORS: Readonly<Record<string, { status: number; message: (limit: number) => string }>> = {
  'entity.too.large': { status: 413, message: (limit) => `request body larger than ${limit} bytes` },
  'entity.parse.failed': { status: 400, message: () => 'request body is not valid JSON' },
  'encoding.unsupported': { status: 415, message: () => 'unsupported content encoding' },
  'charset.unsupported': { status: 415, message: () => 'unsupported charset' },
  'request.aborted': { status: 400, message: () => 'request aborted' },
};

/** Malformed or oversized bodies, and failures in the middleware above (a database that is down while checking a key). */
function earlyErrorHandler(production: boolean, limit: number) {
  // Express recognises error handlers by their four parameters.
  return (error: BodyError, req: Request, res: Response, _next: NextFunction): void => {
    const known = error.type ? BODY_ERRORS[error.type] : undefined;
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
