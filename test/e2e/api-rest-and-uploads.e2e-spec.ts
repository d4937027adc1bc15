import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signUploadToken } from '@pipeline/adapters/local-fs/upload-token.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { startApi, type StartedApi } from '@pipeline/testing/api/started-api.js';
import { recordsPage } from '@pipeline/testing/api/api-requests.js';
import { gql } from '@pipeline/testing/api/graphql-client.js';

const run = promisify(execFile);
const ordersCsv = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../fixtures/inputs/orders.csv');
const MAX_UPLOAD = 4096;
const MAX_BODY = 64 * 1024;

interface UploadGrant {
  url: string;
  method: string;
  headers: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
}

describeWithRealPostgres('REST ingest and upload URLs over HTTP (local mode, real PostgreSQL)', (pg) => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startApi(pg.url, { API_MAX_UPLOAD_BYTES: String(MAX_UPLOAD), API_MAX_BODY_BYTES: String(MAX_BODY) });
  }, 90_000);
  afterAll(() => api?.close());

  const postIngest = (body: string, headers: Record<string, string> = {}, query = '') =>
    fetch(`${api.url}/ingest${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.ingester, ...headers },
      body,
    });
  const ingestionState = async (id: string) =>
    (
      (await gql(api.url, api.keys.reader, `query($id: ID!) { ingestion(id: $id) { state dataset sourceKey counts { valid } } }`, { id }))
        .data as {
        ingestion: { state: string; dataset: string; sourceKey: string; counts: { valid: number } | null } | null;
      }
    ).ingestion;

  it("the seed's curl example works verbatim, plus the API key header", async () => {
    const curl = `curl -s -X POST $API/ingest -H 'Content-Type: application/json' -d '{"data":[{"id":1,"value":"test"}]}' -H "Authorization: Bearer $KEY"`;
    const { stdout } = await run('sh', ['-c', curl], { env: { ...process.env, API: api.url, KEY: api.keys.ingester } });
    const reply = JSON.parse(stdout) as { ingestionId: string; status: string; created: boolean };
    expect(reply).toMatchObject({ status: 'received', created: true });
    expect(await api.drain()).toBe(1);
    expect(await ingestionState(reply.ingestionId)).toMatchObject({ state: 'COMPLETED', dataset: 'api', counts: { valid: 1 } });
    const page = await recordsPage(api, { dataset: 'api' });
    expect(page.edges.map((e) => e.node.data)).toEqual([expect.objectContaining({ id: 1, value: 'test' })]);
  });

  it('POST /ingest: dataset from the query, idempotency key, 202 with the ingestion', async () => {
    const body = JSON.stringify({ data: [{ sku: 'a', qty: 2 }] });
    const first = await postIngest(body, { 'idempotency-key': 'order-7' }, '?dataset=shop');
    expect(first.status).toBe(202);
    const a = (await first.json()) as { ingestionId: string; created: boolean; key: string };
    expect(a.created).toBe(true);
    expect(a.key).toMatch(/^raw\/shop\/api-/);
    const again = (await (await postIngest(body, { 'idempotency-key': 'order-7' }, '?dataset=shop')).json()) as {
      ingestionId: string;
      created: boolean;
    };
    expect(again).toMatchObject({ ingestionId: a.ingestionId, created: false });
    const other = (await (await postIngest(body, { 'idempotency-key': 'order-8' }, '?dataset=shop')).json()) as { ingestionId: string };
    expect(other.ingestionId).not.toBe(a.ingestionId);
    // A repeat before processing may queue the same ingestion twice (RegisterIngestion heals lost sends that way); it is processed once.
    await api.drain();
    expect(await ingestionState(a.ingestionId)).toMatchObject({ state: 'COMPLETED', dataset: 'shop', counts: { valid: 1 } });
    expect(await ingestionState(other.ingestionId)).toMatchObject({ state: 'COMPLETED' });
    expect((await recordsPage(api, { dataset: 'shop' })).edges).toHaveLength(2);
  });

  it('POST /ingest refuses what it cannot take, with the right status', async () => {
    expect((await postIngest('{"data":[{"id":1}]}', { 'x-api-key': api.keys.reader })).status).toBe(403);
    expect(
      (await fetch(`${api.url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":[]}' })).status,
    ).toBe(401);
    expect((await postIngest('{"data":[{"id":1}]}', { 'x-api-key': 'pk_000000000000_' + 'x'.repeat(43) })).status).toBe(401);
    expect((await postIngest('{"data":[{"id":1}]}', { 'content-type': 'text/plain' })).status).toBe(415);
    const malformed = await postIngest('{"data":[{"id":1}');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ message: 'request body is not valid JSON' });
    expect((await postIngest('{"rows":[{"id":1}]}')).status).toBe(400);
    expect((await postIngest('{"data":[]}')).status).toBe(400);
    expect((await postIngest('{"data":[1,2]}')).status).toBe(400);
    expect((await postIngest('{"data":[{"id":1}]}', {}, '?dataset=Bad-Name')).status).toBe(400);
    const big = JSON.stringify({ data: [{ blob: 'x'.repeat(MAX_BODY) }] });
    const oversized = await postIngest(big);
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
  });

  const createUploadUrl = async (contentType?: string): Promise<UploadGrant> => {
    const reply = await gql<{ createUploadUrl: UploadGrant }>(
      api.url,
      api.keys.ingester,
      `mutation($ct: String) { createUploadUrl(dataset: "uploads", filename: "../my orders.csv", contentType: $ct) { url method headers key maxBytes expiresAt } }`,
      { ct: contentType },
    );
    if (!reply.data) throw new Error(JSON.stringify(reply.body));
    return reply.data.createUploadUrl;
  };
  const put = (url: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'PUT', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('createUploadUrl → PUT the file → it is processed like any raw file', async () => {
    const grant = await createUploadUrl('text/csv');
    expect(grant).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' }, maxBytes: MAX_UPLOAD });
    expect(grant.url).toMatch(new RegExp(`^${api.url}/uploads/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(grant.key).toMatch(/^raw\/uploads\/\d{8}T\d{6}Z-[0-9a-f]{8}-my_orders\.csv$/);
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeGreaterThan(800_000);
    const csv = await readFile(ordersCsv);
    const res = await put(grant.url, csv, grant.headers);
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { ingestionId: string; key: string; size: number };
    expect(stored).toMatchObject({ key: grant.key, size: csv.length });
    expect(await readFile(join(api.dataDir, 'objects', grant.key))).toEqual(csv);
    expect(await api.drain()).toBe(1);
    expect(await ingestionState(stored.ingestionId)).toMatchObject({
      state: 'COMPLETED',
      dataset: 'uploads',
      sourceKey: grant.key,
      counts: { valid: 3 },
    });
  });

  it('refuses expired, tampered and malformed tokens, the wrong content type and oversized files', async () => {
    const signingKey = Buffer.from((await readFile(join(api.dataDir, 'upload-signing.key'), 'utf8')).trim(), 'hex');
    const expired = signUploadToken({ key: 'raw/uploads/late.csv', exp: Math.floor(Date.now() / 1000) - 5, maxBytes: 100 }, signingKey);
    const expiredRes = await put(`${api.url}/uploads/${expired}`, 'a,b\n1,2\n');
    expect(expiredRes.status).toBe(403);
    expect(await expiredRes.json()).toMatchObject({ error: 'EXPIRED' });

    const grant = await createUploadUrl();
    const [payload, signature] = grant.url.split('/uploads/')[1].split('.');
    const forged = Buffer.from(JSON.stringify({ key: 'raw/uploads/../../etc/x', exp: 4102444800, maxBytes: 1e9 })).toString('base64url');
    for (const token of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`]) {
      const res = await put(`${api.url}/uploads/${token}`, 'a\n1\n');
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'TAMPERED' });
    }
    expect((await put(`${api.url}/uploads/not-a-token`, 'a\n1\n')).status).toBe(403);

    const typed = await createUploadUrl('text/csv');
    expect((await put(typed.url, 'a\n1\n', { 'content-type': 'application/json' })).status).toBe(415);

    const tooBig = await put(grant.url, Buffer.alloc(MAX_UPLOAD + 1, 0x61));
    expect(tooBig.status).toBe(413);
    expect(await streamedPut(grant.url, MAX_UPLOAD * 4)).toBe(413);
    expect(await api.drain()).toBe(0);
  });
});

/** A PUT without Content-Length (chunked), so the limit must be enforced while streaming. */
function streamedPut(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024, 0x62);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
