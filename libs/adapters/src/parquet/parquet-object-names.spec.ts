import { isParquetFileOf, parquetFileNames } from './parquet-object-names.js';

describe('parquetFileNames', () => {
  it('names a single file after the ingestion', () => {
    expect(parquetFileNames('ing-1', 1)).toEqual(['ing-1.parquet']);
  });

  it('numbers parts from 00001 when there are several', () => {
    expect(parquetFileNames('ing-1', 3)).toEqual(['ing-1-part-00001.parquet', 'ing-1-part-00002.parquet', 'ing-1-part-00003.parquet']);
  });

  it('names nothing for zero parts', () => {
    expect(parquetFileNames('ing-1', 0)).toEqual([]);
  });
});

describe('isParquetFileOf', () => {
  it.each([
    ['ing-1.parquet', true],
    ['ing-1-part-00001.parquet', true],
    ['ing-1-part-123456.parquet', true],
    ['ing-10.parquet', false],
    ['ing-1.jsonl', false],
    ['ing-1-part-1.parquet', false],
    ['ing-1-part-00001.parquet.bak', false],
    ['ing-1-other.parquet', false],
  ])('ing-1 owns %s: %s', (name, owned) => {
    expect(isParquetFileOf('ing-1', name)).toBe(owned);
  });
});
