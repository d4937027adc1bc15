import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { readParquet } from '@pipeline/testing/duckdb/read-parquet.js';
import { repoRoot, runCli } from '@pipeline/testing/cli/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/inputs');
const idOf = (stdout: string): string => /ingestion ([0-9a-f-]{36}):/.exec(stdout)?.[1] ?? '';

describeWithRealPostgres('pipeline CLI end to end (local mode, real PostgreSQL)', (pg) => {
  let dataDir: string;
  let datasetsDir: string;
  const env = () => ({ DATA_DIR: dataDir, DATASETS_DIR: datasetsDir, DATABASE_URL: pg.url });
  const objects = () => join(dataDir, 'objects');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e2e-cli-'));
    datasetsDir = await mkdtemp(join(tmpdir(), 'e2e-contracts-'));
    await copyFile(join(repoRoot, 'datasets/orders.yaml'), join(datasetsDir, 'orders.yaml'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(datasetsDir, { recursive: true, force: true });
  });

  let ordersId = '';

  it('ingests samples/orders.csv under its contract: rows, Parquet, JSON Lines, quarantine and events agree', async () => {
    const result = await runCli(['ingest', 'samples/orders.csv', '--dataset', 'orders'], env());
    expect(result.stderr).toContain('rows/s');
    expect(result.code).toBe(0);
    ordersId = idOf(result.stdout);
    expect(result.stdout).toContain('COMPLETED');
    expect(result.stdout).toMatch(/records in 20, valid 13, warned 1, quarantined 5, duplicates 1/);

    const rows: { row_number: number; data: Record<string, unknown> }[] = await pg.database.query(
      'SELECT row_number, data FROM processed_data WHERE ingestion_id = $1 ORDER BY row_number',
      [ordersId],
    );
    expect(rows).toHaveLength(14);
    const first = rows[0].data;
    expect(first).toMatchObject({
      order_id: 1001,
      customer_email: 'ana@example.com',
      order_date: '2026-11-20T09:15:00.000Z',
      unit_price: '19.99',
    });
    expect(first._ingestion_id).toBeUndefined(); // lineage lives in columns in PostgreSQL
    // "+01:00" is normalised to UTC, a zone-less timestamp is taken as UTC, epoch seconds become ISO.
    const byId = new Map(rows.map((r) => [r.data.order_id, r.data]));
    expect(byId.get(1003)?.order_date).toBe('2026-11-21T13:30:00.000Z');
    expect(byId.get(1002)?.order_date).toBe('2026-11-20T10:02:11.000Z');
    expect(byId.get(1015)?.order_date).toBe('2025-11-25T19:46:40.000Z');
    expect(byId.get(1007)?.customer_email).toBe('fay@example.com');

    const partition = join(objects(), 'processed/dataset=orders');
    const parquet = await readParquet(`${partition}/*/${ordersId}*.parquet`, { orderBy: '_row' });
    const types = Object.fromEntries(parquet.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({
      order_id: 'BIGINT',
      order_date: 'TIMESTAMP WITH TIME ZONE',
      unit_price: 'DECIMAL(12,2)',
      quantity: 'BIGINT',
      _row: 'BIGINT',
      _ingested_at: 'TIMESTAMP WITH TIME ZONE',
    });
    expect(parquet.rows).toHaveLength(14);
    expect(parquet.rows[0]).toMatchObject({ order_id: '1001', unit_price: '19.99', order_date: '2026-11-20 09:15:00+00' });

    const day = (await readdir(partition))[0];
    const jsonl = (await readFile(join(partition, day, `${ordersId}.jsonl`), 'utf8')).trim().split('\n');
    expect(jsonl).toHaveLength(14);
    expect(JSON.parse(jsonl[0])).toEqual({
      ...first,
      _ingestion_id: ordersId,
      _source: 'raw/orders/orders.csv',
      _row: 1,
      _ingested_at: expect.any(String),
    });

    const quarantine = (await readFile(join(objects(), `quarantine/dataset=orders/${ordersId}.rejected.jsonl`), 'utf8')).trim().split('\n');
    const reasons = quarantine.map((l) => JSON.parse(l) as { row: number; line: number; reasons: { rule: string }[] });
    expect(reasons.map((r) => [r.row, r.reasons[0].rule])).toEqual([
      [4, 'ColumnValuesMatch'],
      [6, 'ColumnValuesInSet'],
      [8, 'IsComplete'],
      [9, 'ColumnDataType'],
      [12, 'ColumnValuesMatch'],
    ]);
    expect(reasons[0].line).toBe(5);

    const status = await runCli(['status', ordersId], env());
    expect(status.code).toBe(0);
    const events = [...status.stdout.matchAll(/^\s+\d+\s+\S+\s+(\w+)/gm)].map((m) => m[1]);
    expect(events).toEqual(['IngestionReceived', 'IngestionStarted', 'QualityChecked', 'RecordsStored', 'IngestionCompleted']);
  }, 120_000);

  it('re-ingesting the same file is a no-op: same id, same rows and files, one IngestionCompleted', async () => {
    const again = await runCli(['ingest', 'samples/orders.csv', '--dataset', 'orders'], env());
    expect(again.code).toBe(0);
    expect(idOf(again.stdout)).toBe(ordersId);
    expect(again.stderr).toContain('already known');
    const [{ n }] = await pg.database.query('SELECT count(*)::int AS n FROM processed_data WHERE ingestion_id = $1', [ordersId]);
    expect(n).toBe(14);
    const events: { type: string }[] = await pg.database.query('SELECT type FROM events WHERE stream_id = $1', [`ingestion-${ordersId}`]);
    expect(events.filter((e) => e.type === 'IngestionCompleted')).toHaveLength(1);
    const partition = join(objects(), 'processed/dataset=orders');
    const day = (await readdir(partition))[0];
    expect((await readdir(join(partition, day))).filter((f) => f.startsWith(ordersId) && !f.startsWith('.'))).toHaveLength(2);
  }, 60_000);

  it.each([
    ['orders.csv'],
    ['orders-semicolon.csv'],
    ['orders.tsv'],
    ['orders.csv.gz'],
    ['orders.json'],
    ['orders-data.json'],
    ['orders.ndjson'],
    ['orders.ndjson.gz'],
  ])(
    'ingests %s (inferred contract) with 3 records',
    async (file) => {
      const result = await runCli(['ingest', join(fixtures, file), '--dataset', 'fixture_orders'], env());
      expect(result.stdout).toContain('COMPLETED');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/records in 3, valid 3/);
    },
    60_000,
  );

  it.each([
    ['empty.csv', 'EMPTY_FILE|empty', undefined],
    ['header-only.csv', 'header', 1],
    ['unbalanced-quote.csv', 'quote', 3],
    ['latin1.csv', 'UTF-8', 3],
    ['duplicate-columns.csv', 'customer', undefined],
    ['truncated.json', 'JSON', 3],
    ['not-records.json', 'array', undefined],
    ['truncated.csv.gz', 'gzip', undefined],
    ['binary.csv', 'binary', undefined],
    ['orders.xlsx', 'xlsx|format', undefined],
  ])(
    'rejects %s naming the file and what is wrong',
    async (file, what, line) => {
      const result = await runCli(['ingest', join(fixtures, file), '--dataset', 'bad_inputs'], env());
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('REJECTED');
      const reason = /rejected: (.*)/.exec(result.stdout)?.[1] ?? '';
      expect(reason).toContain(`raw/bad_inputs/${file}`);
      expect(reason).toMatch(new RegExp(what, 'i'));
      if (line !== undefined) expect(reason).toContain(`line ${line}`);
    },
    60_000,
  );

  it.each([['ragged.csv'], ['bad-lines.ndjson']])(
    'keeps the good records of %s and quarantines the unreadable ones',
    async (file) => {
      const result = await runCli(['ingest', join(fixtures, file), '--dataset', 'partly_bad'], env());
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/records in 4, valid 2, warned 0, quarantined 2/);
      const id = idOf(result.stdout);
      const lines = (await readFile(join(objects(), `quarantine/dataset=partly_bad/${id}.rejected.jsonl`), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0]).reasons[0].message).toContain(`raw/partly_bad/${file}`);
    },
    60_000,
  );

  it('rejects the whole file when a halt rule fails, storing nothing', async () => {
    const csv = join(dataDir, 'halting.csv');
    const lines = ['Order ID,Customer Email,Order Date,Status,Quantity,Unit Price,Country'];
    for (let i = 0; i < 10; i++) lines.push(`${2000 + i},bad-email-${i},2026-11-20T09:15:00Z,shipped,1,1.00,PT`);
    await (await import('node:fs/promises')).writeFile(csv, lines.join('\n') + '\n');
    const result = await runCli(['ingest', csv, '--dataset', 'orders'], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rejected: raw\/orders\/halting\.csv: MaxInvalidRatio/);
    const [{ n }] = await pg.database.query('SELECT count(*)::int AS n FROM processed_data WHERE ingestion_id = $1', [idOf(result.stdout)]);
    expect(n).toBe(0);
  }, 60_000);

  it('lists ingestions and datasets', async () => {
    const status = await runCli(['status', '--json'], env());
    const list = JSON.parse(status.stdout) as { status: string }[];
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(new Set(list.map((v) => v.status))).toEqual(new Set(['completed', 'rejected']));
    const datasets = await runCli(['datasets', '--json'], env());
    const names = (JSON.parse(datasets.stdout) as { name: string; inferred: boolean }[]).map((d) => [d.name, d.inferred]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['orders', false],
        ['fixture_orders', true],
      ]),
    );
  }, 60_000);
});
