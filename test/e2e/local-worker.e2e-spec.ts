import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { freePort, repoRoot, runCli, startProcess, stopProcess, waitFor } from '@pipeline/testing/cli/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/inputs');
const SERVER = 'dist/apps/processor/src/main.js';
const READY = /npx pipeline status/;

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,amount,created_at\n');
  for (let i = 1; i <= rows; i++) {
    if (!out.write(`${i},name ${i},${(i % 1000) / 10},2026-11-2${i % 5}T10:00:00Z\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describeWithRealPostgres('npm start: worker and inbox (local mode, real PostgreSQL)', (pg) => {
  let dataDir: string;
  let datasetsDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-worker-'));
    datasetsDir = await mkdtemp(join(tmpdir(), 'e2e-contracts-'));
    await copyFile(join(repoRoot, 'datasets/orders.yaml'), join(datasetsDir, 'orders.yaml'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(datasetsDir, { recursive: true, force: true });
  });

  it('picks up inbox files, rejects the bad ones and keeps going, then stops cleanly on SIGTERM', async () => {
    const env = {
      DATA_DIR: dataDir,
      DATASETS_DIR: datasetsDir,
      DATABASE_URL: pg.url,
      PORT: String(await freePort()),
      INBOX_POLL_MS: '200',
    };
    const server = await startProcess(SERVER, env, READY);
    try {
      const drop = async (dataset: string, from: string, name: string) => {
        await mkdir(join(dataDir, 'inbox', dataset), { recursive: true });
        await copyFile(from, join(dataDir, 'inbox', dataset, name));
      };
      await drop('bad', join(fixtures, 'empty.csv'), 'empty.csv');
      await drop('bad', join(fixtures, 'truncated.json'), 'truncated.json');
      await drop('bad', join(fixtures, 'truncated.csv.gz'), 'truncated.csv.gz');
      await drop('orders', join(repoRoot, 'samples/orders.csv'), 'orders.csv');
      await drop('fixture', join(fixtures, 'orders.ndjson'), 'orders.ndjson');
      const rows = await waitFor(
        async () => {
          const r: { source_key: string; status: string }[] = await pg.database.query(
            'SELECT source_key, status FROM ingestions ORDER BY source_key',
          );
          return r.length === 5 && r.every((x) => x.status === 'completed' || x.status === 'rejected') && r;
        },
        60_000,
        'five finished ingestions',
      );
      expect(rows.map((r) => [r.source_key, r.status])).toEqual([
        ['raw/bad/empty.csv', 'rejected'],
        ['raw/bad/truncated.csv.gz', 'rejected'],
        ['raw/bad/truncated.json', 'rejected'],
        ['raw/fixture/orders.ndjson', 'completed'],
        ['raw/orders/orders.csv', 'completed'],
      ]);
      expect(await readdir(join(dataDir, 'inbox', 'orders'))).toEqual([]);
      expect(server.child.exitCode).toBeNull();
      const [{ n }] = await pg.database.query("SELECT count(*)::int AS n FROM work_queue WHERE queue = 'main'");
      expect(n).toBe(0);
    } finally {
      expect(await stopProcess(server.child)).toBe(0);
    }
  }, 120_000);

  it('a crashed ingestion re-runs to exactly the same rows and files, with one IngestionCompleted', async () => {
    const env = { DATA_DIR: dataDir, DATASETS_DIR: datasetsDir, DATABASE_URL: pg.url };
    const csv = join(dataDir, 'big.csv');
    await writeCsv(csv, 500_000);
    const child = spawn(process.execPath, [join(repoRoot, 'bin/pipeline.js'), 'ingest', csv, '--dataset', 'crashy'], {
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const id = await waitFor(async () => /ingestion ([0-9a-f-]{36})/.exec(stderr)?.[1], 60_000, 'the ingestion id');
    await waitFor(
      async () =>
        (await pg.database.query("SELECT 1 FROM events WHERE stream_id = $1 AND type = 'IngestionStarted'", [`ingestion-${id}`])).length >
        0,
      30_000,
      'IngestionStarted',
    );
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await once(child, 'close');
    const completedBefore = await pg.database.query("SELECT 1 FROM events WHERE stream_id = $1 AND type = 'IngestionCompleted'", [
      `ingestion-${id}`,
    ]);
    expect(completedBefore).toHaveLength(0); // the kill landed mid-ingestion

    const rerun = await runCli(['ingest', csv, '--dataset', 'crashy'], env, 300_000);
    expect(rerun.stdout).toContain(`ingestion ${id}: COMPLETED`);
    expect(rerun.code).toBe(0);
    const [{ n, distinct_rows }] = await pg.database.query(
      'SELECT count(*)::int AS n, count(DISTINCT row_number)::int AS distinct_rows FROM processed_data WHERE ingestion_id = $1',
      [id],
    );
    expect([n, distinct_rows]).toEqual([500_000, 500_000]);
    const types: { type: string }[] = await pg.database.query('SELECT type FROM events WHERE stream_id = $1 ORDER BY version', [
      `ingestion-${id}`,
    ]);
    expect(types.map((t) => t.type)).toEqual([
      'IngestionReceived',
      'IngestionStarted',
      'IngestionStarted',
      'QualityChecked',
      'RecordsStored',
      'IngestionCompleted',
    ]);
    const partition = join(dataDir, 'objects/processed/dataset=crashy');
    const day = (await readdir(partition))[0];
    const files = (await readdir(join(partition, day))).filter((f) => !f.startsWith('.'));
    expect(files.sort()).toEqual([`${id}.jsonl`, `${id}.parquet`]);
  }, 400_000);
});

describe('npm start with the embedded database (PGlite)', () => {
  it('the CLI uses the running server’s database, and opens it itself once the server is gone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'e2e-embedded-'));
    const env = { DATA_DIR: dataDir, DATASETS_DIR: join(dataDir, 'no-contracts'), DATABASE_URL: '', PORT: String(await freePort()) };
    try {
      const server = await startProcess(SERVER, env, READY, 90_000);
      let first = '';
      try {
        expect(server.output()).toContain('embedded PGlite');
        const ingest = await runCli(['ingest', join(fixtures, 'orders.csv'), '--dataset', 'embedded'], env);
        expect(ingest.stdout).toContain('COMPLETED');
        first = /ingestion ([0-9a-f-]{36}):/.exec(ingest.stdout)![1];
      } finally {
        expect(await stopProcess(server.child)).toBe(0);
      }
      const status = await runCli(['status'], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(first);
      expect(status.stdout).toContain('completed');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
