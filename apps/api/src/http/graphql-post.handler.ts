import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestWithPrincipal } from '../auth/request-principal.js';
import { isPlainJsonBody, readJsonBody } from './json-body.js';
import { readAheadBody } from './query-lane-listener.js';

/** What the direct GraphQL path shares with the regular Express chain, so it answers the same way. */
export interface GraphqlPostSetup {
  readonly path: string;
  readonly maxBodyBytes: number;
  /** Apollo, once Nest has started it (null before). */
  readonly apollo: () => ApolloServer<BaseContext> | null;
  /** The GraphQL context of a request (the one the Apollo driver is given). */
  readonly context: (arg: { req: Request & RequestWithPrincipal; res: Response }) => BaseContext;
  /** The chain's own middlewares, run here in the chain's order. */
  readonly metrics: RequestHandler;
  readonly apiKey: (req: Request, res: Response, next: NextFunction) => Promise<void>;
}

/**
 * POST /graphql with a plain JSON body — what every GraphQL client sends — answered without walking
 * Express's middleware chain and router: the same request metrics, the same body limit and body
 * errors (passed to the API's error handler), the same API key check, then Apollo, exactly as its
 * Express integration calls it, with the answer written as a string (no copy into a Buffer). On a
 * page of records this is about a tenth of the API's CPU per request. Anything else (GET, other
 * content types or encodings, a query string) goes down the regular chain. A body the query lane
 * listener read ahead of Express (a query it declined) is taken from there.
 */
export function graphqlPostHandler(setup: GraphqlPostSetup): RequestHandler {
  return (req, res, next) => {
    const apollo = req.method === 'POST' && req.url === setup.path && isPlainJsonBody(req) ? setup.apollo() : null;
    if (!apollo) return next();
    setup.metrics(req, res, () => undefined);
    answer(apollo, setup, req, res).catch(next);
  };
}

async function answer(apollo: ApolloServer<BaseContext>, setup: GraphqlPostSetup, req: Request, res: Response): Promise<void> {
  req.body = await bodyOf(req, setup.maxBodyBytes);
  let passed = false;
  let refusal: unknown;
  await setup.apiKey(req, res, (error?: unknown) => {
    passed = error === undefined;
    refusal = error;
  });
  if (refusal !== undefined) throw refusal;
  if (!passed) return; // refused, and already answered
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: req.body },
    context: async () => setup.context({ req, res }),
  });
  await write(response, res);
}

async function bodyOf(req: Request, limit: number): Promise<unknown> {
  const readAhead = readAheadBody(req);
  if (!readAhead) return readJsonBody(req, limit);
  if ('error' in readAhead) throw readAhead.error;
  return readAhead.body;
}

async function write(response: HTTPGraphQLResponse, res: Response): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
