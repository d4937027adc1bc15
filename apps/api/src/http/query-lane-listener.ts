import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import { presentedKey } from '../auth/presented-key.js';
import type { RequestWithPrincipal } from '../auth/request-principal.js';
import { graphqlContext } from '../graphql/graphql-options.js';
import { acceptsPlainJson, FAST_LANE_CONTENT_TYPE, type QueryFastLane } from '../graphql/query-fast-lane.js';
import type { ApiRequestMetrics } from '../health/api-request-metrics.js';
import { isPlainJsonBody, readJsonBody } from './json-body.js';

export interface QueryLaneSetup {
  readonly path: string;
  readonly maxBodyBytes: number;
  readonly lane: QueryFastLane;
  readonly authenticator: ApiKeyAuthenticator;
  readonly metrics: ApiRequestMetrics;
}

/** A body this listener read before handing the request to Express (the stream cannot be read twice). */
export interface ReadBody {
  readonly body?: unknown;
  readonly error?: unknown;
}

const READ_BODY = Symbol('graphql body read before Express');

/** The body (or body error) read ahead of Express, if this listener read it. */
export const readAheadBody = (req: IncomingMessage): ReadBody | undefined => (req as { [READ_BODY]?: ReadBody })[READ_BODY];

/**
 * The HTTP server's request listener, in front of Express. A GraphQL POST that the query fast lane
 * may take (plain JSON, a plain-JSON Accept, a valid API key) is answered here without Express: no
 * request/response prototypes swapped in, no router, no middleware chain. Everything else, and
 * anything the lane declines, goes to Express as it came, or with the body already read (the
 * GraphQL handler there picks it up): refusals, errors and Apollo's answers stay Express's.
 */
export function queryLaneListener(setup: QueryLaneSetup, express: RequestListener): RequestListener {
  return (req, res) => {
    const key = laneKey(req, setup);
    if (key === undefined) return void express(req, res);
    serve(req, res, key, setup, express).catch((error: unknown) => handOver(req, res, express, { error }));
  };
}

/** The API key of a request the lane may take (undefined: Express's, as it came). */
function laneKey(req: IncomingMessage, setup: QueryLaneSetup): string | undefined {
  const mayTake =
    setup.lane.isOpen && req.method === 'POST' && req.url === setup.path && isPlainJsonBody(req) && acceptsPlainJson(req.headers.accept);
  return mayTake ? presentedKey(req.headers) : undefined;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  key: string,
  setup: QueryLaneSetup,
  express: RequestListener,
): Promise<void> {
  const started = process.hrtime.bigint();
  // A key that is unknown, revoked, or cannot be checked right now: Express's chain answers that.
  const principal = await setup.authenticator.authenticate(key).catch(() => null);
  if (!principal) return void express(req, res);
  let body: unknown;
  try {
    body = await readJsonBody(req, setup.maxBodyBytes);
  } catch (error) {
    return handOver(req, res, express, { error });
  }
  const withPrincipal: IncomingMessage & RequestWithPrincipal = req;
  withPrincipal.principal = principal;
  // Whatever the lane cannot answer, or fails at, Apollo answers in full.
  const answered = await setup.lane.answer(body, () => graphqlContext({ req: withPrincipal })).catch(() => null);
  if (answered === null) return handOver(req, res, express, { body });
  res.once('finish', () => setup.metrics.record(setup.path, res.statusCode, Number(process.hrtime.bigint() - started) / 1e6));
  res.statusCode = 200;
  res.setHeader('content-type', FAST_LANE_CONTENT_TYPE);
  res.end(answered);
}

function handOver(req: IncomingMessage, res: ServerResponse, express: RequestListener, read: ReadBody): void {
  if (res.headersSent) return;
  (req as { [READ_BODY]?: ReadBody })[READ_BODY] = read;
  void express(req, res);
}
