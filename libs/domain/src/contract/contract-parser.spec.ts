import { InvalidContractError } from '../errors.js';
import { parseContract } from './contract-parser.js';
import { DEFAULT_TRANSFORMS } from './data-contract.js';

const ORIGIN = 'datasets/orders.yaml';
const base = () => ({
  dataset: 'orders',
  fields: [
    { name: 'order_id', type: 'integer', required: true },
    { name: 'amount', type: 'decimal', precision: 10, scale: 2 },
    { name: 'status', type: 'string' },
    { name: 'created_at', type: 'timestamp' },
  ],
});

function messageOf(input: unknown): string {
  try {
    parseContract(input, ORIGIN);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidContractError);
    return (error as Error).message;
  }
  throw new Error('expected parseContract to throw');
}

describe('parseContract', () => {
  it('fills in the defaults', () => {
    expect(parseContract(base(), ORIGIN)).toEqual({
      dataset: 'orders',
      version: 1,
      fields: [
        { name: 'order_id', type: 'integer', required: true },
        { name: 'amount', type: 'decimal', precision: 10, scale: 2 },
        { name: 'status', type: 'string' },
        { name: 'created_at', type: 'timestamp' },
      ],
      primaryKey: [],
      rules: [],
      transforms: DEFAULT_TRANSFORMS,
      allowUnknownFields: true,
      inferred: false,
    });
  });

  it('keeps everything it is given, with rule defaults', () => {
    const contract = parseContract(
      {
        ...base(),
        version: 3,
        description: 'Orders from the shop',
        primaryKey: ['order_id'],
        allowUnknownFields: false,
        inferred: true,
        transforms: { trim: false, nullTokens: ['', 'n/a'] },
        rules: [
          { rule: 'IsComplete', column: 'status' },
          { rule: 'ColumnValuesInSet', column: 'status', values: ['open', 'closed'], action: 'warn' },
          { rule: 'ColumnValuesMatch', column: 'status', pattern: '^[a-z]+$' },
          { rule: 'ColumnValuesBetween', column: 'amount', min: 0 },
          { rule: 'ColumnLength', column: 'status', max: 20 },
          { rule: 'IsUnique', columns: ['order_id', 'status'] },
          { rule: 'ColumnValuesNotInFuture', column: 'created_at', toleranceSeconds: 300 },
          { rule: 'ColumnDataType', column: 'amount', type: 'decimal', action: 'warn' },
          { rule: 'RowCount', min: 1 },
          { rule: 'MaxInvalidRatio', max: 0.05, action: 'warn' },
        ],
      },
      ORIGIN,
    );
    expect(contract).toMatchObject({
      version: 3,
      description: 'Orders from the shop',
      primaryKey: ['order_id'],
      allowUnknownFields: false,
      inferred: true,
    });
    expect(contract.transforms).toEqual({ ...DEFAULT_TRANSFORMS, trim: false, nullTokens: ['', 'n/a'] });
    expect(contract.rules).toEqual([
      { rule: 'IsComplete', column: 'status', action: 'quarantine' },
      { rule: 'ColumnValuesInSet', column: 'status', values: ['open', 'closed'], action: 'warn' },
      { rule: 'ColumnValuesMatch', column: 'status', pattern: '^[a-z]+$', action: 'quarantine' },
      { rule: 'ColumnValuesBetween', column: 'amount', min: 0, action: 'quarantine' },
      { rule: 'ColumnLength', column: 'status', max: 20, action: 'quarantine' },
      { rule: 'IsUnique', columns: ['order_id', 'status'], action: 'quarantine' },
      { rule: 'ColumnValuesNotInFuture', column: 'created_at', toleranceSeconds: 300, action: 'quarantine' },
      { rule: 'ColumnDataType', column: 'amount', type: 'decimal', action: 'warn' },
      { rule: 'RowCount', min: 1, action: 'halt' },
      { rule: 'MaxInvalidRatio', max: 0.05, action: 'warn' },
    ]);
  });

  const rule = (r: Record<string, unknown>) => ({
    ...base(),
    rules: [{ rule: 'IsComplete', column: 'status' }, { rule: 'IsComplete', column: 'status' }, r],
  });

  it.each<[string, unknown, string]>([
    ['not an object', [1], 'the contract must be an object, got an array'],
    ['null', null, 'the contract must be an object, got null'],
    ['unknown top-level key', { ...base(), owner: 'me' }, 'owner is not a known property; known: dataset, version'],
    [
      'snake_case key gets a hint',
      { ...base(), primary_key: ['order_id'] },
      'primary_key is not a known property (did you mean "primaryKey"?)',
    ],
    ['missing dataset', { fields: base().fields }, 'dataset is required'],
    ['bad dataset name', { ...base(), dataset: 'Orders' }, 'dataset "Orders" must match /^[a-z][a-z0-9_]{0,62}$/'],
    ['dataset of the wrong type', { ...base(), dataset: 7 }, 'dataset must be a string, got number 7'],
    ['version 0', { ...base(), version: 0 }, 'version must be at least 1, got 0'],
    ['fractional version', { ...base(), version: 1.5 }, 'version must be an integer, got 1.5'],
    ['no fields', { ...base(), fields: [] }, 'fields must list at least one field'],
    ['fields not a list', { ...base(), fields: { a: 'string' } }, 'fields must be an array, got an object'],
    ['field without type', { dataset: 'orders', fields: [{ name: 'a' }] }, 'fields[0].type is required'],
    [
      'unknown type',
      { dataset: 'orders', fields: [{ name: 'a', type: 'strin' }] },
      'fields[0].type "strin" is not a type; known: string, integer',
    ],
    [
      'field name not snake_case',
      { dataset: 'orders', fields: [{ name: 'OrderId', type: 'string' }] },
      'fields[0].name "OrderId" must be snake_case',
    ],
    ['field name too long', { dataset: 'orders', fields: [{ name: 'a'.repeat(64), type: 'string' }] }, 'at most 63 characters'],
    ['lineage name', { dataset: 'orders', fields: [{ name: '_row', type: 'integer' }] }, 'fields[0].name "_row" is reserved for lineage'],
    [
      'duplicate field',
      {
        dataset: 'orders',
        fields: [
          { name: 'a', type: 'string' },
          { name: 'b', type: 'string' },
          { name: 'a', type: 'integer' },
        ],
      },
      'fields[2].name "a" is already fields[0]',
    ],
    [
      'misspelt field property',
      { dataset: 'orders', fields: [{ name: 'a', type: 'string', requried: true }] },
      'fields[0].requried is not a known property',
    ],
    [
      'required not boolean',
      { dataset: 'orders', fields: [{ name: 'a', type: 'string', required: 'yes' }] },
      'fields[0].required must be true or false, got string "yes"',
    ],
    [
      'precision on a non-decimal',
      { dataset: 'orders', fields: [{ name: 'a', type: 'number', precision: 5 }] },
      'fields[0].precision only applies to decimal fields, not number',
    ],
    [
      'precision too large',
      { dataset: 'orders', fields: [{ name: 'a', type: 'decimal', precision: 39 }] },
      'fields[0].precision must be at most 38, got 39',
    ],
    [
      'scale above precision',
      { dataset: 'orders', fields: [{ name: 'a', type: 'decimal', precision: 4, scale: 5 }] },
      'fields[0].scale must be at most 4, got 5',
    ],
    ['primary key not a field', { ...base(), primaryKey: ['id'] }, 'primaryKey[0] "id" is not a field'],
    ['primary key twice', { ...base(), primaryKey: ['order_id', 'order_id'] }, 'primaryKey[1] "order_id" is listed twice'],
    ['rule column not a field', rule({ rule: 'IsComplete', column: 'amout' }), 'rules[2].column "amout" is not a field'],
    ['unknown rule', rule({ rule: 'IsPositive', column: 'amount' }), 'rules[2].rule "IsPositive" is not a rule; known: IsComplete'],
    ['rule without kind', rule({ column: 'amount' }), 'rules[2].rule is required'],
    [
      'unknown action',
      rule({ rule: 'IsComplete', column: 'amount', action: 'drop' }),
      'rules[2].action "drop" is not an action; known: warn, quarantine, halt',
    ],
    [
      'property of another rule',
      rule({ rule: 'IsComplete', column: 'amount', min: 1 }),
      'rules[2].min is not a known property; known: rule, action, column',
    ],
    [
      'regex that does not compile',
      rule({ rule: 'ColumnValuesMatch', column: 'status', pattern: '([a-z' }),
      'rules[2].pattern does not compile',
    ],
    [
      'regex too long',
      rule({ rule: 'ColumnValuesMatch', column: 'status', pattern: 'a'.repeat(1001) }),
      'rules[2].pattern is longer than 1000 characters',
    ],
    ['min above max', rule({ rule: 'ColumnValuesBetween', column: 'amount', min: 5, max: 3 }), 'rules[2].min must not exceed max (5 > 3)'],
    ['no bounds', rule({ rule: 'ColumnLength', column: 'status' }), 'rules[2] needs min, max or both'],
    ['negative length', rule({ rule: 'ColumnLength', column: 'status', min: -1 }), 'rules[2].min must be at least 0, got -1'],
    ['empty value set', rule({ rule: 'ColumnValuesInSet', column: 'status', values: [] }), 'rules[2].values must list at least one value'],
    [
      'object in value set',
      rule({ rule: 'ColumnValuesInSet', column: 'status', values: ['a', { b: 1 }] }),
      'rules[2].values[1] must be a string, number or boolean',
    ],
    ['unique column not a field', rule({ rule: 'IsUnique', columns: ['order_id', 'sku'] }), 'rules[2].columns[1] "sku" is not a field'],
    ['unique without columns', rule({ rule: 'IsUnique', columns: [] }), 'rules[2].columns must name at least one column'],
    ['invalid ratio', rule({ rule: 'MaxInvalidRatio', max: 1.5 }), 'rules[2].max must be at most 1, got 1.5'],
    [
      'data type rule with unknown type',
      rule({ rule: 'ColumnDataType', column: 'amount', type: 'money' }),
      'rules[2].type "money" is not a type',
    ],
    [
      'negative tolerance',
      rule({ rule: 'ColumnValuesNotInFuture', column: 'created_at', toleranceSeconds: -1 }),
      'rules[2].toleranceSeconds must be at least 0',
    ],
    ['rule that is not an object', rule('IsComplete' as never), 'rules[2] must be an object, got string "IsComplete"'],
    ['unknown transform', { ...base(), transforms: { lowercase: true } }, 'transforms.lowercase is not a known property'],
    [
      'null token not a string',
      { ...base(), transforms: { nullTokens: ['', 0] } },
      'transforms.nullTokens[1] must be a string, got number 0',
    ],
    ['allowUnknownFields not boolean', { ...base(), allowUnknownFields: 'no' }, 'allowUnknownFields must be true or false'],
  ])('rejects %s', (_label, input, expected) => {
    const message = messageOf(input);
    expect(message.startsWith(`${ORIGIN}: `)).toBe(true);
    expect(message).toContain(expected);
  });
});
