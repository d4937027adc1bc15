import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { freePort, runCli, startProcess, stopProcess, waitFor } from '@pipeline/testing/cli/run-cli.js';
import { gql } from '@pipeline/testing/api/graphql-client.js';

const KEY = /pk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/;

describeWithRealPostgres('API keys from the CLI, and `npm start` serving the API beside the worker', (pg) => {
  let dataDir: string;
  let port: number;
  const env = () => ({
    DATA_DIR: dataDir,
    DATASETS_DIR: join(dataDir, 'none'),
    DATABASE_URL: pg.url,
    PORT: String(port),
    API_KEY_CACHE_SECONDS: '0',
  });
  const url = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-api-start-'));
    port = await freePort();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  let adminKey = '';

  it('first start creates one admin key and prints it once; the worker processes what the API takes in', async () => {
    const first = await startProcess(
      'dist/apps/processor/src/main.js',
      env(),
      /daily report|Ingest from another terminal[\s\S]*\n\n/,
      90_000,
    );
    try {
      await waitFor(async () => first.output().includes('More keys:'), 10_000, 'the first-start key banner');
      const out = first.output();
      expect(out).toContain(`API              ${url()}/graphql`);
      adminKey = KEY.exec(out.slice(out.indexOf('First start')))?.[0] ?? '';
      expect(adminKey).toMatch(KEY);
      const res = await fetch(`${url()}/ingest`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminKey}` },
        body: '{"data":[{"id":1,"value":"test"}]}',
      });
      expect(res.status).toBe(202);
      const { ingestionId } = (await res.json()) as { ingestionId: string };
      const state = await waitFor(
        async () => {
          const reply = await gql<{ ingestion: { state: string } | null }>(
            url(),
            adminKey,
            `query($id: ID!) { ingestion(id: $id) { state } }`,
            { id: ingestionId },
          );
          const s = reply.data?.ingestion?.state;
          return s === 'COMPLETED' || s === 'REJECTED' ? s : null;
        },
        30_000,
        'the worker to process the API ingestion',
      );
      expect(state).toBe('COMPLETED');
    } finally {
      await stopProcess(first.child);
    }
    const second = await startProcess('dist/apps/processor/src/main.js', env(), /Ingest from another terminal/, 90_000);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(second.output()).not.toContain('First start');
      expect(second.output()).not.toMatch(KEY);
      expect((await gql(url(), adminKey, '{ datasets { name } }')).data).toEqual({ datasets: [{ name: 'api' }] });
    } finally {
      await stopProcess(second.child);
    }
  }, 240_000);

  it('`pipeline keys create` prints only the key on stdout; list shows no secrets; revoke stops it', async () => {
    const created = await runCli(['keys', 'create', '--role', 'reader', '--name', 'ci reader'], env());
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`^${KEY.source}\\n$`));
    const key = created.stdout.trim();
    expect(created.stderr).toContain('shown only this once');
    const listed = await runCli(['keys', 'list', '--json'], env());
    const keys = JSON.parse(listed.stdout) as { id: string; name: string; role: string; revokedAt: string | null }[];
    expect(keys.map((k) => [k.name, k.role])).toEqual([
      ['initial admin', 'admin'],
      ['ci reader', 'reader'],
    ]);
    expect(listed.stdout).not.toContain(key.slice(17));
    const id = keys[1].id;
    expect(key.startsWith(`pk_${id}_`)).toBe(true);

    const server = await startProcess('dist/apps/api/src/main.js', env(), /API is running[\s\S]*graphql/, 90_000);
    try {
      expect((await gql(url(), key, '{ datasets { name } }')).status).toBe(200);
      expect((await gql(url(), key, 'mutation { replayDeadLetters { redriven } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await runCli(['keys', 'revoke', id], env())).code).toBe(0);
      expect((await gql(url(), key, '{ datasets { name } }')).status).toBe(401);
    } finally {
      await stopProcess(server.child);
    }

    const bad = await runCli(['keys', 'create', '--role', 'root', '--name', 'x'], env());
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/reader, ingester, admin/);
    const missing = await runCli(['keys', 'create', '--name', 'x'], env());
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
  }, 240_000);
});
