import { randomUUID } from 'node:crypto';
import { isPortError } from '@pipeline/domain/errors.js';
import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import type { RecordSink, SinkTarget } from '@pipeline/domain/ports/row-sinks.js';

/** A row as the store holds it, read back by the fixture. */
export interface StoredRecord {
  readonly dataset: string;
  readonly ingestionId: string;
  readonly rowNumber: number;
  readonly recordKey: string | null;
  readonly data: unknown;
  /** ISO-8601 UTC. */
  readonly ingestedAt: string;
}

export interface RecordSinkFixture {
  readonly sink: RecordSink;
  /** The ingestion's stored rows by row number. */
  rowsOf(ingestionId: string): Promise<StoredRecord[]>;
  /** How many stored rows the ingestion has and how many of them hold exactly `expected` (compared by the store, e.g. as jsonb). */
  countMatching(ingestionId: string, expected: ReadonlyMap<number, string>): Promise<{ rows: number; matching: number }>;
}

/** Values whose JSON text has broken loaders before (COPY text format unescapes `\"`; CSV needs its quotes doubled). */
export const TRICKY_VALUES: readonly unknown[] = [
  'say "hi"',
  'a\\"b',
  '\\',
  'C:\\new\\table',
  '\\.',
  '\\N',
  'NULL',
  '',
  'line 1\nline 2\r\nline 3',
  'tab\there',
  'comma, "quoted", comma',
  '\u0001\u0002 control',
  'héllo wörld 世界 🚀',
  { nested: { list: [1, 2.5, null, true, ['deep']] }, 'key "with" quotes': 'v' },
];

export function targetFor(ingestionId: string, dataset = 'orders'): SinkTarget {
  return { ingestionId, dataset, ingestDate: '2026-11-26', ingestedAt: '2026-11-26T10:15:30.123Z', columns: [] };
}

/** `dataJson` is what the sink stores; `json` (with lineage) must not end up in processed_data. */
export function rowOf(rowNumber: number, values: Record<string, unknown>, recordKey: string | null = null): ProcessedRow {
  const withLineage = { ...values, _ingestion_id: 'lineage-only-in-json', _row: rowNumber };
  return { rowNumber, recordKey, values: withLineage, json: JSON.stringify(withLineage), dataJson: JSON.stringify(values) };
}

/** Every RecordSink adapter must pass this. `makeFixture` runs once, in beforeAll. */
export function describeRecordSinkContract(name: string, makeFixture: () => Promise<RecordSinkFixture>): void {
  describe(`${name} — RecordSink contract`, () => {
    let fixture: RecordSinkFixture;
    const newIngestion = () => `ing-${randomUUID()}`;

    beforeAll(async () => {
      fixture = await makeFixture();
    }, 60_000);

    const commitRows = async (ingestionId: string, rows: readonly ProcessedRow[]) => {
      const writer = await fixture.sink.open(targetFor(ingestionId));
      await writer.write(rows);
      return writer.commit();
    };

    it('stores rows with dataset, ingestion, row number, key, data and ingestion time', async () => {
      const id = newIngestion();
      const rows = [rowOf(1, { id: 'a', amount: 10.5 }, '["a"]'), rowOf(2, { id: 'b', amount: null }, '["b"]'), rowOf(3, { id: 'c' })];
      const result = await commitRows(id, rows);

      const bytes = rows.reduce((sum, r) => sum + Buffer.byteLength(r.dataJson), 0);
      expect(result).toEqual({ sink: 'postgres', targets: ['processed_data'], rows: 3, bytes });
      expect(await fixture.rowsOf(id)).toEqual([
        {
          dataset: 'orders',
          ingestionId: id,
          rowNumber: 1,
          recordKey: '["a"]',
          data: { id: 'a', amount: 10.5 },
          ingestedAt: '2026-11-26T10:15:30.123Z',
        },
        {
          dataset: 'orders',
          ingestionId: id,
          rowNumber: 2,
          recordKey: '["b"]',
          data: { id: 'b', amount: null },
          ingestedAt: '2026-11-26T10:15:30.123Z',
        },
        { dataset: 'orders', ingestionId: id, rowNumber: 3, recordKey: null, data: { id: 'c' }, ingestedAt: '2026-11-26T10:15:30.123Z' },
      ]);
    });

    it('round-trips JSON with quotes, backslashes, newlines and unicode exactly', async () => {
      const id = newIngestion();
      const rows = TRICKY_VALUES.map((value, i) => rowOf(i + 1, { value, [`k${i} "q" \\`]: value }, JSON.stringify([value])));
      await commitRows(id, rows);

      const stored = await fixture.rowsOf(id);
      expect(stored.map((r) => r.data)).toEqual(rows.map((r) => JSON.parse(r.dataJson)));
      expect(stored.map((r) => r.recordKey)).toEqual(rows.map((r) => r.recordKey));
      expect(await fixture.countMatching(id, new Map(rows.map((r) => [r.rowNumber, r.dataJson])))).toEqual({
        rows: rows.length,
        matching: rows.length,
      });
    });

    it('leaves nothing behind when aborted, and keeps what an earlier commit stored', async () => {
      const fresh = newIngestion();
      const writer = await fixture.sink.open(targetFor(fresh));
      await writer.write([rowOf(1, { x: 1 }), rowOf(2, { x: 2 })]);
      await writer.abort();
      await writer.abort();
      expect(await fixture.rowsOf(fresh)).toEqual([]);

      const kept = newIngestion();
      await commitRows(kept, [rowOf(1, { v: 'old' })]);
      const again = await fixture.sink.open(targetFor(kept));
      await again.write([rowOf(1, { v: 'new' }), rowOf(2, { v: 'new' })]);
      await again.abort();
      expect((await fixture.rowsOf(kept)).map((r) => r.data)).toEqual([{ v: 'old' }]);
    });

    it('replaces the rows of an ingestion committed again, never duplicating them', async () => {
      const id = newIngestion();
      await commitRows(id, [rowOf(1, { v: 1 }), rowOf(2, { v: 2 }), rowOf(3, { v: 3 })]);
      const second = await commitRows(id, [rowOf(1, { v: 'one' }), rowOf(2, { v: 'two' })]);
      expect(second.rows).toBe(2);
      expect((await fixture.rowsOf(id)).map((r) => [r.rowNumber, r.data])).toEqual([
        [1, { v: 'one' }],
        [2, { v: 'two' }],
      ]);
      expect((await commitRows(id, [])).rows).toBe(0);
      expect(await fixture.rowsOf(id)).toEqual([]);
    });

    it('fails with a port error and stores nothing when rows are invalid, and stays usable', async () => {
      const id = newIngestion();
      const duplicateRowNumbers = [rowOf(1, { v: 1 }), rowOf(1, { v: 2 })];
      const outcome = await (async () => {
        const writer = await fixture.sink.open(targetFor(id));
        await writer.write(duplicateRowNumbers);
        return writer.commit();
      })().catch((e: unknown) => e);
      expect(isPortError(outcome)).toBe(true);
      expect(await fixture.rowsOf(id)).toEqual([]);
      await commitRows(id, [rowOf(1, { v: 'ok' })]);
      expect((await fixture.rowsOf(id)).map((r) => r.data)).toEqual([{ v: 'ok' }]);
    });

    it('refuses writes after commit', async () => {
      const writer = await fixture.sink.open(targetFor(newIngestion()));
      await writer.commit();
      await expect(writer.write([rowOf(1, {})])).rejects.toThrow(/committed/);
    });

    it('stores 50,000 rows written in chunks', async () => {
      const id = newIngestion();
      const writer = await fixture.sink.open(targetFor(id));
      const total = 50_000;
      for (let start = 1; start <= total; start += 1_000) {
        const chunk = Array.from({ length: 1_000 }, (_, i) =>
          rowOf(start + i, { n: start + i, label: `row "${start + i}"` }, `[${start + i}]`),
        );
        await writer.write(chunk);
      }
      const result = await writer.commit();
      expect(result.rows).toBe(total);
      const stored = await fixture.rowsOf(id);
      expect(stored).toHaveLength(total);
      expect(stored[total - 1]).toMatchObject({ rowNumber: total, recordKey: `[${total}]`, data: { n: total, label: `row "${total}"` } });
    }, 120_000);
  });
}
