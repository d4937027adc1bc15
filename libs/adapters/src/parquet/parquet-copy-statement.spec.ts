import type { FieldSpec, FieldType } from '@pipeline/domain/contract/data-contract.js';
import { InvalidContractError } from '@pipeline/domain/errors.js';
import { duckDbType, parquetCopyStatement, quoteIdentifier, quoteLiteral } from './parquet-copy-statement.js';

describe('duckDbType', () => {
  it.each<[FieldType, string]>([
    ['string', 'VARCHAR'],
    ['integer', 'BIGINT'],
    ['number', 'DOUBLE'],
    ['decimal', 'DECIMAL(38,9)'],
    ['boolean', 'BOOLEAN'],
    ['timestamp', 'TIMESTAMPTZ'],
    ['date', 'DATE'],
    ['json', 'JSON'],
  ])('%s → %s', (type, expected) => {
    expect(duckDbType({ name: 'f', type })).toBe(expected);
  });

  it.each([
    [{ precision: 12, scale: 2 }, 'DECIMAL(12,2)'],
    [{ precision: 5 }, 'DECIMAL(5,5)'],
    [{ scale: 0 }, 'DECIMAL(38,0)'],
    [{ precision: 38, scale: 38 }, 'DECIMAL(38,38)'],
  ])('decimal %j → %s', (spec, expected) => {
    expect(duckDbType({ name: 'd', type: 'decimal', ...spec })).toBe(expected);
  });

  it.each([{ precision: 39 }, { precision: 0 }, { precision: 10, scale: 11 }, { scale: -1 }, { precision: 1.5 }])(
    'rejects decimal %j',
    (spec) => {
      expect(() => duckDbType({ name: 'd', type: 'decimal', ...spec })).toThrow(InvalidContractError);
    },
  );
});

describe('quoting', () => {
  it.each([
    ['plain', '"plain"'],
    ['we"ird', '"we""ird"'],
    ['"); DROP TABLE x; --', '"""); DROP TABLE x; --"'],
  ])('quoteIdentifier(%j)', (name, quoted) => {
    expect(quoteIdentifier(name)).toBe(quoted);
  });

  it.each([
    ['/tmp/a.ndjson', "'/tmp/a.ndjson'"],
    ["/tmp/o'brien/a.ndjson", "'/tmp/o''brien/a.ndjson'"],
    ["'); COPY x TO '/etc/x", "'''); COPY x TO ''/etc/x'"],
  ])('quoteLiteral(%j)', (text, quoted) => {
    expect(quoteLiteral(text)).toBe(quoted);
  });

  it('refuses NUL in a literal', () => {
    expect(() => quoteLiteral('a\u0000b')).toThrow(InvalidContractError);
  });
});

describe('parquetCopyStatement', () => {
  const columns: FieldSpec[] = [
    { name: 'id', type: 'integer' },
    { name: "it's", type: 'timestamp' },
  ];

  it('reads only the given columns, typed, and writes zstd Parquet', () => {
    expect(parquetCopyStatement("/t/o'k/s.ndjson", '/t/out.parquet', columns, 122_880)).toBe(
      `COPY (SELECT "id", "it's" FROM read_ndjson('/t/o''k/s.ndjson', columns = {'id': 'BIGINT', 'it''s': 'TIMESTAMPTZ'}, format = 'newline_delimited')) ` +
        `TO '/t/out.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    );
  });

  it('refuses no columns, duplicate columns and a bad row group size', () => {
    expect(() => parquetCopyStatement('/s', '/o', [], 10)).toThrow(InvalidContractError);
    expect(() => parquetCopyStatement('/s', '/o', [columns[0], columns[0]], 10)).toThrow(InvalidContractError);
    expect(() => parquetCopyStatement('/s', '/o', columns, 0)).toThrow(RangeError);
  });
});
