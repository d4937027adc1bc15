import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator.js';
import type { QueryFastLane } from '../graphql/query-fast-lane.js';
import { ApiRequestMetrics } from '../health/api-request-metrics.js';
import { queryLaneListener, readAheadBody, type ReadBody } from './query-lane-listener.js';

const KEY = 'pk_valid';
const principal = { id: 'k1', name: 'test', role: 'reader' as const };

/** What reached "Express": the request's read-ahead body (undefined: none), and the body it could still read itself. */
interface HandedOver {
  readonly readAhead: ReadBody | undefined;
  readonly streamed: string;
}

/**
 * The listener on a real HTTP server, in front of a stand-in for Express that records what it was
 * handed. The lane and the authenticator are stand-ins too: the lane's and the key check's own
 * behaviour is tested elsewhere; here they answer, decline or fail on demand.
 */
async function harness(lane: Partial<QueryFastLane> & { isOpen: boolean }, authenticate: (key: string) => Promise<unknown>) {
  const handed: HandedOver[] = [];
  const authenticated: string[] = [];
  const metrics = new ApiRequestMetrics();
  const express = (req: IncomingMessage, res: ServerResponse) => {
    const readAhead = readAheadBody(req);
    let streamed = '';
    req.on('data', (chunk: Buffer) => (streamed += chunk.toString()));
    req.on('end', () => {
      handed.push({ readAhead, streamed });
      res.statusCode = 299;
      res.end('express');
    });
    if (req.readableEnded) req.emit('end');
  };
  const authenticator = {
    authenticate: (key: string) => {
      authenticated.push(key);
      return authenticate(key);
    },
  } as unknown as ApiKeyAuthenticator;
  const server: Server = createServer(
    queryLaneListener({ path: '/graphql', maxBodyBytes: 100, lane: lane as QueryFastLane, authenticator, metrics }, express),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: string, headers: Record<string, string> = {}, path = '/graphql', method = 'POST') => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
      ...(method === 'POST' ? { body } : {}),
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  opened.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { handed, authenticated, metrics, post };
}

/** Servers the running test started: closed after it, whatever it asserted. */
const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
});

const validKey = async (key: string) => (key === KEY ? principal : null);
const BODY = '{"query":"{ a }"}';

describe('queryLaneListener: the query lane in front of Express', () => {
  it('answers what the lane answers, without Express, and counts it in the request metrics', async () => {
    const contexts: unknown[] = [];
    const h = await harness(
      {
        isOpen: true,
        answer: async (body, context) => {
          contexts.push(context());
          return `${JSON.stringify({ data: body })}\n`;
        },
      },
      validKey,
    );
    expect(await h.post(BODY)).toEqual({ status: 200, type: 'application/json; charset=utf-8', text: `{"data":${BODY}}\n` });
    expect(h.handed).toEqual([]);
    expect(contexts).toEqual([expect.objectContaining({ principal })]);
    const counted = h.metrics.samples()[0].values;
    expect(counted).toEqual([{ labels: { route: '/graphql', status: '200' }, value: 1 }]);
  });

  it.each([
    ['declines', async () => null],
    ['fails', async () => Promise.reject(new Error('lane bug'))],
  ])('hands Express the body it read when the lane %s', async (_what, answer) => {
    const h = await harness({ isOpen: true, answer }, validKey);
    expect((await h.post(BODY)).status).toBe(299);
    expect(h.handed).toEqual([{ readAhead: { body: { query: '{ a }' } }, streamed: '' }]);
  });

  it('hands Express a body error (too large, not JSON) for its error handler to answer', async () => {
    const h = await harness({ isOpen: true, answer: async () => 'never' }, validKey);
    await h.post(`{"query":"${'x'.repeat(200)}"}`);
    await h.post('{"query": ');
    expect(h.handed.map((x) => (x.readAhead?.error as { type?: string }).type)).toEqual(['entity.too.large', 'entity.parse.failed']);
  });

  it.each([
    ['is not valid', async () => null],
    ['cannot be checked (database down)', async () => Promise.reject(new Error('connection refused'))],
  ])('leaves a request whose key %s to Express untouched, body unread', async (_what, authenticate) => {
    const h = await harness({ isOpen: true, answer: async () => 'never' }, authenticate);
    expect((await h.post(BODY)).status).toBe(299);
    expect(h.handed).toEqual([{ readAhead: undefined, streamed: BODY }]);
  });

  interface Variant {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Record<string, string>;
  }
  it.each<[string, Variant]>([
    ['a GET', { method: 'GET' }],
    ['another path', { path: '/ingest' }],
    ['a query string', { path: '/graphql?x=1' }],
    ['another content type', { headers: { 'content-type': 'text/plain' } }],
    ['a compressed body', { headers: { 'content-encoding': 'gzip' } }],
    ['an Accept only Apollo negotiates', { headers: { accept: 'application/graphql-response+json' } }],
    ['no key', { headers: { authorization: '' } }],
  ])('sends %s straight to Express without checking the key', async (_what, { method = 'POST', path = '/graphql', headers = {} }) => {
    const h = await harness({ isOpen: true, answer: async () => 'never' }, validKey);
    expect((await h.post(method === 'GET' ? '' : BODY, headers, path, method)).status).toBe(299);
    expect(h.authenticated).toEqual([]);
    expect(h.handed).toHaveLength(1);
    expect(h.handed[0].readAhead).toBeUndefined();
  });

  it('sends everything straight to Express while the lane is closed (no compiled execution)', async () => {
    const h = await harness({ isOpen: false, answer: async () => 'never' }, validKey);
    expect((await h.post(BODY)).status).toBe(299);
    expect(h.authenticated).toEqual([]);
    expect(h.handed).toEqual([{ readAhead: undefined, streamed: BODY }]);
  });
});
