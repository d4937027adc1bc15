import { DecodeError } from '@pipeline/domain/errors.js';
import { formatHint } from './input-format.js';

describe('formatHint', () => {
  it.each([
    ['raw/orders/a.csv', { kind: 'format', format: 'csv' }],
    ['raw/orders/A.CSV.GZ', { kind: 'format', format: 'csv' }],
    ['a.txt', { kind: 'format', format: 'csv' }],
    ['a.tsv.gz', { kind: 'format', format: 'csv', delimiter: '\t' }],
    ['a.json', { kind: 'json-or-ndjson' }],
    ['a.Json.gz', { kind: 'json-or-ndjson' }],
    ['a.ndjson', { kind: 'format', format: 'ndjson' }],
    ['a.JSONL.gz', { kind: 'format', format: 'ndjson' }],
    ['raw/orders/export', { kind: 'sniff' }],
    ['raw/orders/export.gz', { kind: 'sniff' }],
    ['raw/orders/.hidden', { kind: 'sniff' }],
    ['raw/orders.v2/2024.01', { kind: 'sniff' }],
    ['C:\\data\\orders.csv', { kind: 'format', format: 'csv' }],
  ])('%s → %j', (name, hint) => {
    expect(formatHint(name)).toEqual(hint);
  });

  it('lets a forced format win over the name', () => {
    expect(formatHint('a.csv', 'ndjson')).toEqual({ kind: 'format', format: 'ndjson' });
    expect(formatHint('a.xlsx', 'csv')).toEqual({ kind: 'format', format: 'csv' });
  });

  it.each(['raw/a.xlsx', 'a.parquet', 'a.exe', 'a.zip', 'a.tar.gz', 'a.XML'])(
    'rejects %s with UNKNOWN_FORMAT naming the file and the formats',
    (name) => {
      let error: unknown;
      try {
        formatHint(name);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({ reason: 'UNKNOWN_FORMAT', file: name });
      expect((error as Error).message).toMatch(
        new RegExp(`^${name.replace('.', '\\.')}: unknown format "\\.\\w+"; supported: \\.csv, \\.tsv`),
      );
    },
  );
});
