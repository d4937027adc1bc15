import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { WebhookSender } from '@pipeline/adapters/local-notifier/webhook-sender.js';
import { verifyWebhookSignature } from '@pipeline/adapters/local-notifier/webhook-signature.js';

const SECRET = 'retry-secret';
const local = { allowPlainHttp: true, allowPrivateNetworks: true };
const aws = { allowPlainHttp: true, allowPrivateNetworks: false };

type Answer = number | 'hang' | { redirect: string };

/** A webhook receiver on 127.0.0.1 that answers each request with the next scripted answer. */
async function receiver(
  answers: Answer[],
): Promise<{ url: string; hits: { headers: IncomingHttpHeaders; body: string; at: number }[]; close(): Promise<void> }> {
  const hits: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body, at: Date.now() });
      const answer = answers.shift() ?? 204;
      if (answer === 'hang') return; // never answers: the sender's timeout must fire
      if (typeof answer === 'object') {
        res.writeHead(302, { location: answer.redirect }).end();
        return;
      }
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const sender = (rules = local, timeoutMs = 2000) => new WebhookSender({ secret: SECRET, rules, retryDelaysMs: [50, 150, 300], timeoutMs });
const body = JSON.stringify({ type: 'daily_report', date: '2026-11-25', version: 1 });
const meta = { deliveryId: 'd-1', event: 'daily_report' };

describe('WebhookSender against a real HTTP receiver', () => {
  it('retries 5xx with growing backoff, then succeeds; every attempt is freshly signed', async () => {
    const r = await receiver([503, 500, 204]);
    try {
      const outcome = await sender().send(r.url, body, meta);
      expect(outcome).toEqual({ ok: true, attempts: 3, status: 204 });
      expect(r.hits[1].at - r.hits[0].at).toBeGreaterThanOrEqual(45);
      expect(r.hits[2].at - r.hits[1].at).toBeGreaterThanOrEqual(145);
      for (const hit of r.hits) {
        const headers = {
          signature: hit.headers['x-pipeline-signature'] as string,
          timestamp: hit.headers['x-pipeline-timestamp'] as string,
        };
        expect(verifyWebhookSignature(SECRET, headers, hit.body)).toBe(true);
        expect(hit.headers['x-pipeline-delivery']).toBe('d-1');
        expect(hit.body).toBe(body);
      }
    } finally {
      await r.close();
    }
  });

  it('retries 429 and timeouts, gives up after the last attempt with the last error', async () => {
    const r = await receiver([429, 'hang', 503, 503]);
    try {
      const outcome = await sender(local, 200).send(r.url, body, meta);
      expect(outcome).toEqual({ ok: false, attempts: 4, error: 'HTTP 503 (after 4 attempts)' });
      expect(r.hits).toHaveLength(4);
    } finally {
      await r.close();
    }
  });

  it('does not retry a 4xx answer', async () => {
    const r = await receiver([410]);
    try {
      expect(await sender().send(r.url, body, meta)).toEqual({ ok: false, attempts: 1, error: 'HTTP 410' });
      expect(r.hits).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('does not follow redirects (a webhook cannot bounce the delivery elsewhere)', async () => {
    const elsewhere = await receiver([204]);
    const r = await receiver([{ redirect: elsewhere.url }]);
    try {
      expect(await sender().send(r.url, body, meta)).toEqual({ ok: false, attempts: 1, error: 'HTTP 302' });
      expect(elsewhere.hits).toHaveLength(0);
    } finally {
      await r.close();
      await elsewhere.close();
    }
  });

  it('checks addresses when it connects: a name resolving to a forbidden address is never contacted', async () => {
    const r = await receiver([204]);
    try {
      const viaName = r.url.replace('127.0.0.1', 'localhost');
      const outcome = await sender(aws).send(viaName, body, meta);
      expect(outcome).toMatchObject({ ok: false, attempts: 1, error: expect.stringMatching(/localhost resolves to .*loopback/) });
      expect(r.hits).toHaveLength(0);
      expect(await sender(local).send('http://169.254.169.254/latest/meta-data/', body, meta)).toMatchObject({
        ok: false,
        attempts: 1,
        error: expect.stringMatching(/link-local/),
      });
    } finally {
      await r.close();
    }
  });

  it('retries a refused connection', async () => {
    const r = await receiver([]);
    await r.close();
    const outcome = await sender().send(r.url, body, meta);
    expect(outcome).toMatchObject({ ok: false, attempts: 4, error: expect.stringMatching(/ECONNREFUSED.*after 4 attempts/) });
  });
});
