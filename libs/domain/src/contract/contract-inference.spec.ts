import { InvalidContractError } from '../errors.js';
import type { RawRecord } from '../records/processed-row.js';
import { classify, inferContract } from './contract-inference.js';
import { DEFAULT_TRANSFORMS, type FieldType } from './data-contract.js';

describe('inferContract', () => {
  it.each<[string, unknown[], FieldType]>([
    ['integer text', ['1', '-2', '+3', '0'], 'integer'],
    ['real integers', [1, 2, 3], 'integer'],
    ['integers and decimals', ['1', '2.5', 3], 'number'],
    ['decimal text', ['1.50', '2.25'], 'number'],
    ['exponent text', ['1e3'], 'number'],
    ['leading zeros stay text', ['007', '123'], 'string'],
    ['huge integers beyond int64 are text', ['123456789012345678901234'], 'string'],
    ['int64 integers', ['9223372036854775807'], 'integer'],
    ['boolean words', ['true', 'FALSE', 'True'], 'boolean'],
    ['real booleans', [true, false], 'boolean'],
    ['yes/no stays text', ['yes', 'no'], 'string'],
    ['ISO timestamps', ['2026-11-26T10:00:00Z', '2026-11-26 10:00:00+02:00'], 'timestamp'],
    ['dates', ['2026-11-26', '2024-02-29'], 'date'],
    ['invalid dates are text', ['2026-02-30'], 'string'],
    ['dates and timestamps mixed', ['2026-11-26', '2026-11-26T10:00:00Z'], 'string'],
    ['objects and arrays', [{ a: 1 }, [1, 2]], 'json'],
    ['mixed numbers and words', ['1', 'two'], 'string'],
    ['mixed booleans and integers', [true, 1], 'string'],
    ['all null tokens', ['', 'NULL', 'n/a', null], 'string'],
    ['nulls do not widen', [null, '5', '', '6'], 'integer'],
    ['trimmed before typing', [' 5 ', '6 '], 'integer'],
  ])('%s → %s', (_label, values, type) => {
    const contract = inferContract(
      'orders',
      values.map((v) => ({ value: v })),
    );
    expect(contract.fields).toEqual([{ name: 'value', type, required: false }]);
  });

  it('builds a permissive, inferred contract with snake_cased names in first-seen order', () => {
    const samples: RawRecord[] = [
      { OrderID: '1', 'Customer Name': 'Ann' },
      { OrderID: '2', Amount: '9.50', 'Customer Name': null },
    ];
    expect(inferContract('orders', samples)).toEqual({
      dataset: 'orders',
      version: 1,
      fields: [
        { name: 'order_id', type: 'integer', required: false },
        { name: 'customer_name', type: 'string', required: false },
        { name: 'amount', type: 'number', required: false },
      ],
      primaryKey: [],
      rules: [],
      transforms: DEFAULT_TRANSFORMS,
      allowUnknownFields: true,
      inferred: true,
    });
  });

  it('merges raw names that snake_case to the same field, and skips lineage columns', () => {
    const contract = inferContract('orders', [{ OrderID: 1 }, { order_id: 2.5, _row: 3 }]);
    expect(contract.fields).toEqual([{ name: 'order_id', type: 'number', required: false }]);
  });

  it('infers no fields from no records', () => {
    expect(inferContract('orders', []).fields).toEqual([]);
  });

  it('refuses an invalid dataset name', () => {
    expect(() => inferContract('Bad Name', [])).toThrow(InvalidContractError);
  });

  it.each<[unknown, string]>([
    [Number.NaN, 'string'],
    [2 ** 60, 'number'],
    [12n, 'integer'],
    [undefined, 'string'],
  ])('classifies %p as %s', (value, type) => {
    expect(classify(value)).toBe(type);
  });
});
