import { detectCapabilities } from '@pipeline/adapters/postgres/postgres-capabilities.js';
import { postgresMigrations } from '@pipeline/adapters/postgres/postgres-migrations.js';
import { PostgresRecordSink, type PostgresRecordSinkOptions } from '@pipeline/adapters/postgres/postgres-record-sink.js';
import { runMigrations } from '@pipeline/adapters/postgres/postgres-migration-runner.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { realPostgresUrl } from '@pipeline/testing/postgres/real-postgres-url.js';
import { createTestDatabase } from '@pipeline/testing/postgres/test-database.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import type { PostgresTestHandle } from '@pipeline/testing/postgres/postgres-test-handle.js';
import {
  describeRecordSinkContract,
  rowOf,
  targetFor,
  type RecordSinkFixture,
  type StoredRecord,
} from './suites/record-sink.contract-suite.js';

function processedDataFixture(pg: PostgresTestHandle, options?: PostgresRecordSinkOptions): () => Promise<RecordSinkFixture> {
  return async () => ({
    sink: new PostgresRecordSink(pg.database, options),
    rowsOf: (ingestionId) => rowsOf(pg.database, ingestionId),
    async countMatching(ingestionId, expected) {
      const [counts] = await pg.database.query<{ rows: number; matching: number }>(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE p.data = e.json::jsonb)::int AS matching
         FROM processed_data p LEFT JOIN unnest($2::int[], $3::text[]) AS e(row_number, json) ON e.row_number = p.row_number
         WHERE p.ingestion_id = $1`,
        [ingestionId, [...expected.keys()], [...expected.values()]],
      );
      return counts;
    },
  });
}

async function rowsOf(db: SqlDatabase, ingestionId: string): Promise<StoredRecord[]> {
  const rows = await db.query<{
    dataset: string;
    ingestion_id: string;
    row_number: number;
    record_key: string | null;
    data: unknown;
    ingested_at: Date;
  }>(
    `SELECT dataset, ingestion_id, row_number, record_key, data, ingested_at FROM processed_data WHERE ingestion_id = $1 ORDER BY row_number`,
    [ingestionId],
  );
  return rows.map((r) => ({
    dataset: r.dataset,
    ingestionId: r.ingestion_id,
    rowNumber: r.row_number,
    recordKey: r.record_key,
    data: r.data,
    ingestedAt: r.ingested_at.toISOString(),
  }));
}

function describeProcessedDataSchema(pg: PostgresTestHandle): void {
  it('has processed_data as DESIGN.md describes it: columns, unique (ingestion_id, row_number), GIN on data', async () => {
    const columns = await pg.database.query<Record<string, string>>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'processed_data' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ['dataset', 'text', 'NO'],
      ['ingestion_id', 'text', 'NO'],
      ['row_number', 'integer', 'NO'],
      ['record_key', 'text', 'YES'],
      ['data', 'jsonb', 'NO'],
      ['ingested_at', 'timestamp with time zone', 'NO'],
      ['processed_at', 'timestamp with time zone', 'NO'],
    ]);
    const indexes: { indexdef: string }[] = await pg.database.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'processed_data'`);
    const defs = indexes.map((i) => i.indexdef.replace(/public\./g, ''));
    expect(defs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/UNIQUE INDEX .* ON processed_data USING btree \(ingestion_id, row_number\)/),
        expect.stringMatching(/ON processed_data USING gin \(data jsonb_path_ops\)/),
        expect.stringMatching(/ON processed_data USING btree \(dataset, ingested_at\b/),
      ]),
    );
  });
}

describe('PostgresRecordSink on embedded PGlite', () => {
  const pg = useEmbeddedPostgres();
  describeRecordSinkContract('PostgresRecordSink (PGlite, batched INSERT … unnest)', processedDataFixture(pg));
  describeProcessedDataSchema(pg);

  it('detects PGlite, where COPY FROM STDIN does not work', async () => {
    expect(await detectCapabilities(pg.database)).toEqual({ pglite: true, supportsCopy: false });
  });

  it('merges the GIN pending list after each commit, since PGlite has no autovacuum to do it', async () => {
    const pendingPages = async (): Promise<number> => {
      const [row] = await pg.database.query<{ pages: number }>(
        `SELECT gin_clean_pending_list('processed_data_data_gin'::regclass)::int AS pages`,
      );
      return row.pages;
    };
    const ingest = async (sink: PostgresRecordSink) => {
      const writer = await sink.open(targetFor(`ing-gin-${Math.random().toString(36).slice(2)}`));
      await writer.write(Array.from({ length: 3000 }, (_, i) => rowOf(i + 1, { id: i, city: `c${i % 97}`, note: 'x'.repeat(i % 50) })));
      await writer.commit();
    };
    await pendingPages(); // start from an empty list
    await ingest(new PostgresRecordSink(pg.database, { mergePendingIndexEntries: false }));
    expect(await pendingPages()).toBeGreaterThan(0); // left pending without the merge (and merged by this call)
    await ingest(new PostgresRecordSink(pg.database));
    expect(await pendingPages()).toBe(0);
  });
});

describeWithRealPostgres('PostgresRecordSink on PostgreSQL', (pg) => {
  describeRecordSinkContract('PostgresRecordSink (PostgreSQL, COPY)', processedDataFixture(pg));
  describeRecordSinkContract(
    'PostgresRecordSink (PostgreSQL, batched INSERT … unnest)',
    processedDataFixture(pg, { supportsCopy: false, batchSize: 777 }),
  );
  describeProcessedDataSchema(pg);

  it('detects a real server, where COPY works', async () => {
    expect(await detectCapabilities(pg.database)).toEqual({ pglite: false, supportsCopy: true });
  });

  it('migrates once when two processes start together, and finds nothing to do afterwards', async () => {
    const database = await createTestDatabase((await realPostgresUrl())!);
    const [a, b] = await Promise.all([0, 1].map(() => SqlDatabase.open(database.url, { poolSize: 3 })));
    try {
      const [ranA, ranB] = await Promise.all([a, b].map((db) => runMigrations(db)));
      expect([...ranA, ...ranB]).toHaveLength(postgresMigrations.length);
      expect(await runMigrations(a)).toEqual([]);
      const tables = await a.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      // Other features add tables of their own; these are the ones the pipeline core needs.
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          'dataset_contract_versions',
          'datasets',
          'events',
          'ingestions',
          'processed_data',
          'projection_checkpoints',
          'typeorm_migrations',
          'work_queue',
        ]),
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    }
  });
});
