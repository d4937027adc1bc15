import { RECORD_FILTER_OPS, type RecordFilterOp } from '@pipeline/domain/records/record-filter.js';
import { afterCondition, filterCondition, selectionConditions, SqlParams } from './processed-records-sql.js';

const HOSTILE = "x'); DROP TABLE processed_data; --";
const valueFor = (op: RecordFilterOp): unknown => (op === 'in' ? [HOSTILE] : op === 'exists' ? true : HOSTILE);

describe('processed-records SQL: paths and values travel only as parameters', () => {
  it.each(RECORD_FILTER_OPS)('%s keeps the path and value out of the SQL text', (op) => {
    const params = new SqlParams();
    const sql = filterCondition({ path: ['customer', 'name'], op, value: valueFor(op) }, params);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('customer');
    expect(sql).toMatch(/\$1::text\[\]/);
    expect(params.values[0]).toEqual(['customer', 'name']);
    if (op !== 'exists') expect(JSON.stringify(params.values)).toContain('DROP TABLE');
  });

  it('binds JSON values as jsonb text, not as driver arrays', () => {
    const params = new SqlParams();
    filterCondition({ path: ['tags'], op: 'in', value: ['a', 'b'] }, params);
    expect(params.values).toEqual([['tags'], '["a","b"]']);
  });

  it('uses GIN-friendly containment for eq on object paths, exact equality on array indexes', () => {
    const object = new SqlParams();
    expect(filterCondition({ path: ['a', 'b'], op: 'eq', value: 1 }, object)).toContain('data @> $2::jsonb');
    expect(object.values[1]).toBe('{"a":{"b":1}}');
    const index = new SqlParams();
    expect(filterCondition({ path: ['items', '0'], op: 'eq', value: 1 }, index)).not.toContain('@>');
  });

  it('builds the selection and the keyset condition from parameters only', () => {
    const params = new SqlParams();
    const sql = selectionConditions({ dataset: 'orders', ingestionId: 'i-1', from: '2026-01-01T00:00:00.000Z', where: [] }, params).join(
      ' AND ',
    );
    expect(sql).toBe('dataset = $1 AND ingestion_id = $2 AND ingested_at >= $3::timestamptz');
    const after = afterCondition({ ingestedAt: '2026-01-01T00:00:00.000000Z', ingestionId: 'i-1', rowNumber: 7 }, false, params);
    expect(after).toBe('(ingested_at, ingestion_id, row_number) > ($4::timestamptz, $5, $6::int)');
    expect(afterCondition({ ingestedAt: '2026-01-01T00:00:00.000000Z', ingestionId: 'i-1', rowNumber: 7 }, true, params)).toBe(
      '(ingestion_id, row_number) > ($7, $8::int)',
    );
  });
});
