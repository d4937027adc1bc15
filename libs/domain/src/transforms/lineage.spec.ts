import { LINEAGE_FIELDS } from '../contract/data-contract.js';
import { appendLineage, LINEAGE_NAMES, lineageValues } from './lineage.js';

describe('lineage', () => {
  const ctx = { ingestionId: 'ing-1', source: 'raw/orders/a.csv', ingestedAt: '2026-11-26T10:00:00.000Z' };

  it('produces the lineage columns in LINEAGE_FIELDS order', () => {
    const values = lineageValues(ctx, 7);
    expect(Object.keys(values)).toEqual(LINEAGE_FIELDS.map((f) => f.name));
    expect(values).toEqual({ _ingestion_id: 'ing-1', _source: 'raw/orders/a.csv', _row: 7, _ingested_at: '2026-11-26T10:00:00.000Z' });
  });

  it('appends the same values after existing keys', () => {
    const target: Record<string, unknown> = { id: 1 };
    appendLineage(target, ctx, 3);
    expect(Object.keys(target)).toEqual(['id', '_ingestion_id', '_source', '_row', '_ingested_at']);
    expect(target._row).toBe(3);
  });

  it('knows every lineage name', () => {
    expect([...LINEAGE_NAMES]).toEqual(['_ingestion_id', '_source', '_row', '_ingested_at']);
  });
});
