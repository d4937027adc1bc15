import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LINEAGE_FIELDS, type FieldSpec } from '@pipeline/domain/contract/data-contract.js';
import { InvalidContractError, InvalidKeyError, isPortError } from '@pipeline/domain/errors.js';
import type { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';
import type { ProcessedRow, QuarantinedRow } from '@pipeline/domain/records/processed-row.js';
import { ObjectStoreJsonLinesWriter } from '@pipeline/adapters/jsonl/object-store-json-lines-writer.js';
import { ObjectStoreQuarantineWriter } from '@pipeline/adapters/jsonl/object-store-quarantine-writer.js';
import { DuckDbParquetWriter } from '@pipeline/adapters/parquet/duckdb-parquet-writer.js';
import { readParquet } from '@pipeline/testing/duckdb/read-parquet.js';
import { listKeys, readAll, type ObjectStoreFixture } from './object-store.contract-suite.js';

export const ORDER_FIELDS: readonly FieldSpec[] = [
  { name: 'id', type: 'integer', required: true },
  { name: 'name', type: 'string' },
  { name: 'amount', type: 'decimal', precision: 18, scale: 6 },
  { name: 'price', type: 'number' },
  { name: 'active', type: 'boolean' },
  { name: 'created_at', type: 'timestamp' },
  { name: 'birthday', type: 'date' },
  { name: 'attrs', type: 'json' },
  { name: 'total', type: 'decimal' },
];

export function target(ingestionId: string, overrides: Partial<SinkTarget> = {}): SinkTarget {
  return {
    ingestionId,
    dataset: 'orders',
    ingestDate: '2026-11-26',
    ingestedAt: '2026-11-26T10:00:00.000Z',
    columns: [...ORDER_FIELDS, ...LINEAGE_FIELDS],
    ...overrides,
  };
}

/** A processed row as the transforms produce it: typed values, lineage, serialised once. */
export function row(ingestionId: string, rowNumber: number, values: Record<string, unknown> = {}): ProcessedRow {
  const all = {
    id: rowNumber,
    name: `name ${rowNumber}`,
    ...values,
    _ingestion_id: ingestionId,
    _source: 'raw/orders/a.csv',
    _row: rowNumber,
    _ingested_at: '2026-11-26T10:00:00.000Z',
  };
  return { rowNumber, recordKey: JSON.stringify([all.id]), values: all, json: JSON.stringify(all), dataJson: JSON.stringify(all) };
}

export const rows = (ingestionId: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => row(ingestionId, from + i));

/** Copies every object under `prefix` to `dir`, keeping keys as paths, so DuckDB reads what the store holds. */
export async function download(store: ObjectStore, prefix: string, dir: string): Promise<string[]> {
  const keys = await listKeys(store, prefix);
  for (const key of keys) {
    await mkdir(path.dirname(path.join(dir, key)), { recursive: true });
    await writeFile(path.join(dir, key), await readAll(await store.get(key)));
  }
  return keys;
}

export interface RowWritersFixture extends ObjectStoreFixture {
  /** Local folder the Parquet writer spools into; must be empty after every commit and abort. */
  readonly tmpDir: string;
}

/**
 * The file sinks (Parquet, JSON Lines, quarantine) over one ObjectStore adapter; outputs are read
 * back from the store and, for Parquet, through DuckDB.
 * @example describeRowWritersContract('local folder', async () => ({ store, tmpDir, cleanup }))
 */
export function describeRowWritersContract(name: string, makeFixture: () => Promise<RowWritersFixture>): void {
  describe(`file sinks over ${name}`, () => {
    let fixture: RowWritersFixture;
    let store: ObjectStore;
    let readDir: string;
    const parquet = (rowsPerFile = 1_000_000) =>
      new DuckDbParquetWriter(store, { rowsPerFile, tmpDir: fixture.tmpDir, memoryLimit: '128MB' });
    const readBack = async (glob = '**/*.parquet') => {
      await download(store, 'processed/', readDir);
      return readParquet(path.join(readDir, 'processed', glob), { hivePartitioning: true, orderBy: '_row' });
    };
    const text = async (key: string) => (await readAll(await store.get(key))).toString('utf8');

    beforeEach(async () => {
      fixture = await makeFixture();
      store = fixture.store;
      readDir = await mkdtemp(path.join(tmpdir(), 'row-writers-read-'));
    });
    afterEach(async () => {
      await rm(readDir, { recursive: true, force: true });
      await fixture.cleanup();
    });

    describe('Parquet (DuckDB)', () => {
      const partition = 'processed/dataset=orders/ingest_date=2026-11-26/';

      it('writes every field type and DuckDB reads back the same values and types', async () => {
        const writer = await parquet().open(target('ing-1'));
        await writer.write([
          row('ing-1', 1, {
            name: 'Zoë "quoted" \\ back\\slash, 🦆',
            amount: '12345.678901',
            price: 9.99,
            active: true,
            // 2024-03-10T08:30:00.123+01:00 in the source, normalised by the transforms
            created_at: '2024-03-10T07:30:00.123Z',
            birthday: '1990-02-28',
            attrs: { tags: ['a', 'b'], n: 1 },
            total: '0.5',
            not_a_column: 'ignored',
          }),
          row('ing-1', 2, { id: null, name: null, amount: null, price: null, active: null, created_at: null, birthday: null, attrs: null }),
          row('ing-1', 3, {
            id: '9007199254740993',
            name: "line\nbreak\ttab 'single' \u00e9",
            amount: '-0.000001',
            price: -1.5e-10,
            active: false,
            created_at: '1969-12-31T23:59:59.999Z',
            birthday: '2024-02-29',
            attrs: [1, 'x', null],
            total: '-99999999999999999999999999999.123456789',
          }),
        ]);
        const result = await writer.commit();

        const key = `${partition}ing-1.parquet`;
        expect(result).toEqual({ sink: 'parquet', targets: [key], rows: 3, bytes: (await store.head(key))!.size });
        const table = await readBack();
        expect(table.columns).toEqual([
          { name: 'id', type: 'BIGINT' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'amount', type: 'DECIMAL(18,6)' },
          { name: 'price', type: 'DOUBLE' },
          { name: 'active', type: 'BOOLEAN' },
          { name: 'created_at', type: 'TIMESTAMP WITH TIME ZONE' },
          { name: 'birthday', type: 'DATE' },
          { name: 'attrs', type: 'VARCHAR' },
          { name: 'total', type: 'DECIMAL(38,9)' },
          { name: '_ingestion_id', type: 'VARCHAR' },
          { name: '_source', type: 'VARCHAR' },
          { name: '_row', type: 'BIGINT' },
          { name: '_ingested_at', type: 'TIMESTAMP WITH TIME ZONE' },
          { name: 'dataset', type: 'VARCHAR' },
          { name: 'ingest_date', type: 'DATE' },
        ]);
        const lineage = {
          _ingestion_id: 'ing-1',
          _source: 'raw/orders/a.csv',
          _ingested_at: '2026-11-26 10:00:00+00',
          dataset: 'orders',
          ingest_date: '2026-11-26',
        };
        expect(table.rows).toEqual([
          {
            id: '1',
            name: 'Zoë "quoted" \\ back\\slash, 🦆',
            amount: '12345.678901',
            price: 9.99,
            active: true,
            created_at: '2024-03-10 07:30:00.123+00',
            birthday: '1990-02-28',
            attrs: '{"tags":["a","b"],"n":1}',
            total: '0.500000000',
            _row: '1',
            ...lineage,
          },
          {
            id: null,
            name: null,
            amount: null,
            price: null,
            active: null,
            created_at: null,
            birthday: null,
            attrs: null,
            total: null,
            _row: '2',
            ...lineage,
          },
          {
            id: '9007199254740993',
            name: "line\nbreak\ttab 'single' é",
            amount: '-0.000001',
            price: -1.5e-10,
            active: false,
            created_at: '1969-12-31 23:59:59.999+00',
            birthday: '2024-02-29',
            attrs: '[1,"x",null]',
            total: '-99999999999999999999999999999.123456789',
            _row: '3',
            ...lineage,
          },
        ]);
      });

      it('shows nothing in the store before commit', async () => {
        const writer = await parquet().open(target('ing-1'));
        await writer.write(rows('ing-1', 1, 5));
        expect(await listKeys(store, '')).toEqual([]);
        await writer.commit();
        expect(await listKeys(store, '')).toEqual([`${partition}ing-1.parquet`]);
      });

      it('rolls over at the row cap into numbered parts holding every row exactly once', async () => {
        const writer = await parquet(3).open(target('ing-1'));
        for (const batch of [rows('ing-1', 1, 4), rows('ing-1', 5, 8), rows('ing-1', 9, 10)]) await writer.write(batch);
        const result = await writer.commit();

        const parts = [1, 2, 3, 4].map((n) => `${partition}ing-1-part-0000${n}.parquet`);
        expect(result.targets).toEqual(parts);
        expect(result.rows).toBe(10);
        expect(await listKeys(store, 'processed/')).toEqual(parts);
        const table = await readBack();
        expect(table.rows.map((r) => r._row)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
        expect(new Set(table.rows.map((r) => `${r.dataset}/${r.ingest_date}`))).toEqual(new Set(['orders/2026-11-26']));
        expect((await readParquet(path.join(readDir, parts[3]))).rows).toHaveLength(1);
      });

      it('replaces an earlier commit of the same ingestion, stale parts included, and leaves other ingestions alone', async () => {
        const other = await parquet().open(target('ing-10'));
        await other.write(rows('ing-10', 1, 2));
        await other.commit();
        const first = await parquet(3).open(target('ing-1'));
        await first.write(rows('ing-1', 1, 10));
        await first.commit();

        const second = await parquet(3).open(target('ing-1'));
        await second.write(rows('ing-1', 1, 5));
        expect((await second.commit()).targets).toEqual([`${partition}ing-1-part-00001.parquet`, `${partition}ing-1-part-00002.parquet`]);
        expect(await listKeys(store, partition)).toEqual([
          `${partition}ing-1-part-00001.parquet`,
          `${partition}ing-1-part-00002.parquet`,
          `${partition}ing-10.parquet`,
        ]);

        const third = await parquet(3).open(target('ing-1'));
        await third.write(rows('ing-1', 1, 2));
        await third.commit();
        expect(await listKeys(store, partition)).toEqual([`${partition}ing-1.parquet`, `${partition}ing-10.parquet`]);
        const table = await readBack(`**/ing-1.parquet`);
        expect(table.rows.map((r) => r._row)).toEqual(['1', '2']);
      });

      it('commits zero rows as no file and removes the files of an earlier run', async () => {
        const first = await parquet().open(target('ing-1'));
        await first.write(rows('ing-1', 1, 3));
        await first.commit();
        const empty = await parquet().open(target('ing-1'));
        await empty.write([]);
        expect(await empty.commit()).toEqual({ sink: 'parquet', targets: [], rows: 0, bytes: 0 });
        expect(await listKeys(store, '')).toEqual([]);
      });

      it('leaves no trace on abort, keeps the previous commit, and cleans its temp folder', async () => {
        const first = await parquet().open(target('ing-1'));
        await first.write(rows('ing-1', 1, 2));
        await first.commit();
        const aborted = await parquet(2).open(target('ing-1'));
        await aborted.write(rows('ing-1', 1, 7));
        await aborted.abort();
        expect(await listKeys(store, '')).toEqual([`${partition}ing-1.parquet`]);
        expect((await readBack()).rows).toHaveLength(2);
        expect(await readdir(fixture.tmpDir)).toEqual([]);
        await expect(aborted.write(rows('ing-1', 8, 8))).rejects.toThrow('already committed or aborted');
      });

      it('fails a commit whose rows do not fit their column types, writing nothing', async () => {
        const writer = await parquet().open(target('ing-1'));
        await writer.write([row('ing-1', 1, { created_at: 'not a time' })]);
        const error: unknown = await writer.commit().then(
          () => null,
          (e: unknown) => e,
        );
        expect(isPortError(error) && error.code).toBe('INVALID_INPUT');
        expect(await listKeys(store, '')).toEqual([]);
        expect(await readdir(fixture.tmpDir)).toEqual([]);
      });

      it('refuses contracts and targets it cannot write before spooling anything', async () => {
        const tooPrecise = target('ing-1', { columns: [{ name: 'x', type: 'decimal', precision: 40, scale: 2 }] });
        await expect(parquet().open(tooPrecise)).rejects.toBeInstanceOf(InvalidContractError);
        await expect(parquet().open(target('ing-1', { dataset: '../etc' }))).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(parquet().open(target('a/b'))).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(parquet().open(target('ing-1', { ingestDate: '2026-13-01' }))).rejects.toBeInstanceOf(InvalidKeyError);
      });

      it('quotes column names so any name is just a name', async () => {
        const columns: FieldSpec[] = [
          { name: 'select', type: 'string' },
          { name: 'we"ird', type: 'integer' },
          { name: "it's", type: 'string' },
        ];
        const writer = await parquet().open(target('ing-1', { columns: [...columns, ...LINEAGE_FIELDS] }));
        await writer.write([{ ...row('ing-1', 1), json: JSON.stringify({ select: 's', 'we"ird': 7, "it's": 'q', _row: 1 }) }]);
        await writer.commit();
        const table = await readBack();
        expect(table.columns.slice(0, 3).map((c) => c.name)).toEqual(['select', 'we"ird', "it's"]);
        expect(table.rows[0]).toMatchObject({ select: 's', 'we"ird': '7', "it's": 'q', _row: '1' });
      });
    });

    describe('JSON Lines', () => {
      const key = 'processed/dataset=orders/ingest_date=2026-11-26/ing-1.jsonl';

      it('writes each row.json as one line, byte for byte', async () => {
        const batch = [row('ing-1', 1, { name: 'Zoë "q" \\ 🦆', attrs: { a: [1] } }), row('ing-1', 2, { name: null })];
        const writer = await new ObjectStoreJsonLinesWriter(store).open(target('ing-1'));
        expect(await listKeys(store, '')).toEqual([]);
        await writer.write(batch);
        const result = await writer.commit();
        const expected = `${batch[0].json}\n${batch[1].json}\n`;
        expect(await text(key)).toBe(expected);
        expect(result).toEqual({ sink: 'jsonl', targets: [key], rows: 2, bytes: Buffer.byteLength(expected) });
      });

      it('streams many batches in order', async () => {
        const writer = await new ObjectStoreJsonLinesWriter(store).open(target('ing-1'));
        const all = rows('ing-1', 1, 20_000).map((r) => ({ ...r, json: JSON.stringify({ ...r.values, pad: 'x'.repeat(200) }) }));
        for (let i = 0; i < all.length; i += 1_000) await writer.write(all.slice(i, i + 1_000));
        expect(await listKeys(store, '')).toEqual([]);
        expect((await writer.commit()).rows).toBe(20_000);
        expect(await text(key)).toBe(all.map((r) => r.json).join('\n') + '\n');
      });

      it('replaces an earlier run, and with zero rows removes it', async () => {
        const writers = new ObjectStoreJsonLinesWriter(store);
        const first = await writers.open(target('ing-1'));
        await first.write(rows('ing-1', 1, 3));
        await first.commit();
        const second = await writers.open(target('ing-1'));
        await second.write(rows('ing-1', 1, 1));
        await second.commit();
        expect(await text(key)).toBe(`${row('ing-1', 1).json}\n`);
        const empty = await writers.open(target('ing-1'));
        expect(await empty.commit()).toEqual({ sink: 'jsonl', targets: [], rows: 0, bytes: 0 });
        expect(await listKeys(store, '')).toEqual([]);
      });

      it('leaves nothing on abort and keeps the previous commit', async () => {
        const writers = new ObjectStoreJsonLinesWriter(store);
        const first = await writers.open(target('ing-1'));
        await first.write(rows('ing-1', 1, 1));
        await first.commit();
        const aborted = await writers.open(target('ing-1'));
        await aborted.write(rows('ing-1', 1, 500));
        await aborted.abort();
        expect(await listKeys(store, '')).toEqual([key]);
        expect(await text(key)).toBe(`${row('ing-1', 1).json}\n`);
        const fresh = await writers.open(target('ing-2'));
        await fresh.write(rows('ing-2', 1, 2));
        await fresh.abort();
        expect(await listKeys(store, '')).toEqual([key]);
      });
    });

    describe('quarantine', () => {
      const key = 'quarantine/dataset=orders/ing-1.rejected.jsonl';
      const rejected: QuarantinedRow[] = [
        {
          rowNumber: 2,
          line: 3,
          record: { id: 'x', note: 'a "q" \\ é' },
          reasons: [{ rule: 'ColumnDataType', column: 'id', action: 'quarantine', message: '"x" is not an integer' }],
        },
        {
          rowNumber: 5,
          record: { id: null },
          reasons: [{ rule: 'IsComplete', column: 'id', action: 'quarantine', message: 'id is missing' }],
        },
      ];

      it('writes one {row, line, reasons, record} object per line', async () => {
        const writer = await new ObjectStoreQuarantineWriter(store).open(target('ing-1'));
        await writer.write(rejected);
        const result = await writer.commit();
        const content = await text(key);
        expect(content.split('\n')[0]).toBe(
          '{"row":2,"line":3,"reasons":[{"rule":"ColumnDataType","column":"id","action":"quarantine","message":"\\"x\\" is not an integer"}],"record":{"id":"x","note":"a \\"q\\" \\\\ é"}}',
        );
        expect(content.endsWith('\n')).toBe(true);
        expect(
          content
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l) as unknown),
        ).toEqual([
          { row: 2, line: 3, reasons: rejected[0].reasons, record: rejected[0].record },
          { row: 5, line: null, reasons: rejected[1].reasons, record: { id: null } },
        ]);
        expect(result).toEqual({ sink: 'quarantine', targets: [key], rows: 2, bytes: Buffer.byteLength(content) });
      });

      it('writes no file for zero rows and removes the file of an earlier run', async () => {
        const writers = new ObjectStoreQuarantineWriter(store);
        const first = await writers.open(target('ing-1'));
        await first.write(rejected);
        await first.commit();
        const empty = await writers.open(target('ing-1'));
        await empty.write([]);
        expect(await empty.commit()).toEqual({ sink: 'quarantine', targets: [], rows: 0, bytes: 0 });
        expect(await listKeys(store, '')).toEqual([]);
      });

      it('leaves nothing on abort', async () => {
        const writer = await new ObjectStoreQuarantineWriter(store).open(target('ing-1'));
        await writer.write(rejected);
        await writer.abort();
        expect(await listKeys(store, '')).toEqual([]);
      });
    });
  });
}
