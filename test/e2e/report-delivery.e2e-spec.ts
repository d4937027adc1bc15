import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyWebhookSignature } from '@pipeline/adapters/local-notifier/webhook-signature.js';
import { repoRoot, runCli } from '@pipeline/testing/cli/run-cli.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver on 127.0.0.1: `/ok` answers 204, `/broken` answers 400 (a final failure, not retried). */
function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = req.url === '/broken' ? 400 : 204;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, received, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

describeWithRealPostgres('report subscriptions and local delivery (pipeline CLI)', (pg) => {
  let dataDir: string;
  let datasetsDir: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const env = () => ({ DATA_DIR: dataDir, DATASETS_DIR: datasetsDir, DATABASE_URL: pg.url });
  const cli = (...args: string[]) => runCli(args, env());
  const today = new Date().toISOString().slice(0, 10);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'report-delivery-'));
    datasetsDir = await mkdtemp(join(tmpdir(), 'report-delivery-contracts-'));
    await copyFile(join(repoRoot, 'datasets/orders.yaml'), join(datasetsDir, 'orders.yaml'));
    receiver = await startReceiver();
    expect((await cli('ingest', 'samples/orders.csv', '--dataset', 'orders')).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
    await rm(datasetsDir, { recursive: true, force: true });
  });

  it('subscribes a webhook and an e-mail address; subscribing again returns the same subscription', async () => {
    for (const [name, protocol, endpoint] of [
      ['hook', 'WEBHOOK', `${receiver.url}/ok`],
      ['broken', 'webhook', `${receiver.url}/broken`],
      ['mail', 'EMAIL', 'Ops@Example.com'],
    ]) {
      const result = await cli('subscriptions', 'add', protocol, endpoint, '--json');
      expect(result.code).toBe(0);
      const parsed = JSON.parse(result.stdout) as { created: boolean; subscription: { subscriptionId: string; status: string } };
      expect(parsed).toMatchObject({ created: true, subscription: { status: 'confirmed' } });
      ids[name] = parsed.subscription.subscriptionId;
    }
    const again = JSON.parse((await cli('subscriptions', 'add', 'EMAIL', ' Ops@EXAMPLE.COM ', '--json')).stdout);
    expect(again).toMatchObject({ created: false, subscription: { subscriptionId: ids.mail, endpoint: 'Ops@example.com' } });
    const list = await cli('subscriptions');
    expect(list.stdout.trim().split('\n')).toHaveLength(4);
  }, 60_000);

  it.each([
    ['WEBHOOK', 'http://169.254.169.254/latest/meta-data/', /link-local/],
    ['WEBHOOK', 'http://[fd00:ec2::254]/', /metadata/],
    ['WEBHOOK', 'ftp://example.com/x', /http or https/],
    ['EMAIL', 'ops@example.com\r\nBcc: all@example.com', /plain e-mail address/],
  ])('refuses %s %j with a clear message', async (protocol, endpoint, reason) => {
    const result = await cli('subscriptions', 'add', protocol, endpoint);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid endpoint/);
    expect(result.stderr).toMatch(reason);
  });

  it('pipeline report delivers: a correctly signed webhook body, an .eml in the outbox, the failure recorded', async () => {
    const secret = (await cli('subscriptions', 'secret')).stdout.trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const result = await cli('report', '--date', today);
    expect(result.code).toBe(1); // one subscription failed
    expect(result.stdout).toContain(`report ${today} version 1`);
    expect(result.stdout).toContain('delivered to 2 subscription(s)');
    expect(result.stderr).toMatch(new RegExp(`delivery to ${ids.broken} failed: HTTP 400`));

    const hook = receiver.received.find((r) => r.path === '/ok')!;
    expect(hook.headers['content-type']).toBe('application/json; charset=utf-8');
    const signature = {
      signature: hook.headers['x-pipeline-signature'] as string,
      timestamp: hook.headers['x-pipeline-timestamp'] as string,
    };
    expect(verifyWebhookSignature(secret, signature, hook.body)).toBe(true);
    expect(verifyWebhookSignature(secret, signature, hook.body.replace('"version":1', '"version":2'))).toBe(false);
    expect(hook.headers['x-pipeline-event']).toBe('daily_report');
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      type: 'daily_report',
      date: today,
      version: 1,
      summary: { records: { in: 20, valid: 13, warned: 1, quarantined: 5 } },
    });
    expect(body.links.html).toBe(`file://${join(dataDir, 'objects/reports', today, 'daily_report.html')}`);
    expect(receiver.received.filter((r) => r.path === '/broken')).toHaveLength(1); // 400 is final: not retried

    const outbox = await readdir(join(dataDir, 'outbox'));
    expect(outbox.filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const eml = await readFile(join(dataDir, 'outbox', outbox[0]), 'utf8');
    expect(eml).toMatch(/^To: Ops@example\.com$/m);
    expect(eml).toMatch(new RegExp(`^Subject: Daily report ${today}: 20 records`, 'm'));
    expect(eml).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(eml).toContain('text/html');

    const rows = await pg.database.query<{ data: { subscriptionIds: string[] } }>(
      `SELECT data FROM events WHERE stream_id = $1 AND type = 'ReportDelivered'`,
      [`report-${today}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ version: 1, failed: [{ subscriptionId: ids.broken, error: 'HTTP 400' }] });
    expect([...rows[0].data.subscriptionIds].sort()).toEqual([ids.hook, ids.mail].sort());
    const shown = JSON.parse((await cli('reports', today, '--json')).stdout);
    expect(shown.entry).toMatchObject({ version: 1, failedDeliveries: [{ subscriptionId: ids.broken }] });
    expect(shown.entry.deliveredTo).toHaveLength(2);
  }, 120_000);

  it('after unsubscribing, the next report no longer goes there', async () => {
    expect((await cli('subscriptions', 'remove', ids.broken)).stdout).toContain('cancelled');
    expect((await cli('subscriptions', 'remove', ids.broken)).stdout).toContain('already-cancelled');
    expect((await cli('subscriptions', 'remove', 'no-such-id')).code).toBe(1);
    const before = receiver.received.length;
    const result = await cli('report', '--date', today);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`report ${today} version 2`);
    expect(receiver.received.slice(before).map((r) => r.path)).toEqual(['/ok']);
    const list = await cli('reports', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ entry: expect.objectContaining({ date: today, version: 2 }) })]);
    expect((await cli('subscriptions', 'list', '--all')).stdout).toMatch(/cancelled/);
  }, 120_000);
});
