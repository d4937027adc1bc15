import { canonicalJson } from './canonical-json.js';
import { contractsEqual } from './contract-equality.js';
import { type DataContract, DEFAULT_TRANSFORMS } from './data-contract.js';

const contract: DataContract = {
  dataset: 'orders',
  version: 1,
  fields: [{ name: 'id', type: 'integer', required: true }],
  primaryKey: ['id'],
  rules: [{ rule: 'ColumnValuesBetween', column: 'id', min: 0, action: 'quarantine' }],
  transforms: DEFAULT_TRANSFORMS,
  allowUnknownFields: true,
  inferred: false,
};

describe('contractsEqual', () => {
  it.each<[string, DataContract, boolean]>([
    ['the same contract', { ...contract }, true],
    ['another version', { ...contract, version: 9 }, true],
    ['keys in another order', Object.fromEntries(Object.entries(contract).reverse()) as unknown as DataContract, true],
    ['an explicit undefined description', { ...contract, description: undefined }, true],
    [
      'a rule key order difference',
      { ...contract, rules: [{ action: 'quarantine', min: 0, column: 'id', rule: 'ColumnValuesBetween' }] },
      true,
    ],
    ['another field type', { ...contract, fields: [{ name: 'id', type: 'string', required: true }] }, false],
    ['another rule bound', { ...contract, rules: [{ rule: 'ColumnValuesBetween', column: 'id', min: 1, action: 'quarantine' }] }, false],
    ['another transform', { ...contract, transforms: { ...DEFAULT_TRANSFORMS, trim: false } }, false],
    ['a description', { ...contract, description: 'x' }, false],
    ['another provenance', { ...contract, inferred: true }, false],
    ['fields in another order', { ...contract, fields: [{ name: 'a', type: 'string' }, ...contract.fields] }, false],
  ])('%s → %s', (_label, other, expected) => {
    expect(contractsEqual(contract, other)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [{ d: 2, c: 3 }] }, '{"a":[{"c":3,"d":2}],"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [[undefined, 1], '[null,1]'],
    ['x', '"x"'],
    [12n, '12'],
    [new Date('2026-11-26T10:00:00Z'), '"2026-11-26T10:00:00.000Z"'],
  ])('%p → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
