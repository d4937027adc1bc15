import { type DataContract, DEFAULT_TRANSFORMS, type QualityRule } from '../contract/data-contract.js';
import { InvalidContractError } from '../errors.js';
import type { RawRecord } from '../records/processed-row.js';
import { createRecordPreparer, outputColumns, type PrepareOutcome } from './record-preparer.js';

const ctx = { ingestionId: 'ing-1', source: 'raw/orders/a.csv', ingestedAt: '2026-11-26T10:00:00.000Z', now: '2026-11-26T10:00:00.000Z' };
const lineage = (row: number) => ({
  _ingestion_id: 'ing-1',
  _source: 'raw/orders/a.csv',
  _row: row,
  _ingested_at: '2026-11-26T10:00:00.000Z',
});

function orders(overrides: Partial<DataContract> = {}): DataContract {
  return {
    dataset: 'orders',
    version: 1,
    fields: [
      { name: 'order_id', type: 'integer', required: true },
      { name: 'customer_name', type: 'string' },
      { name: 'amount', type: 'decimal', precision: 10, scale: 2 },
      { name: 'status', type: 'string' },
      { name: 'created_at', type: 'timestamp' },
    ],
    primaryKey: ['order_id'],
    rules: [],
    transforms: DEFAULT_TRANSFORMS,
    allowUnknownFields: true,
    inferred: false,
    ...overrides,
  };
}

const good: RawRecord = { OrderID: ' 7 ', 'Customer Name': 'Alice ', Amount: '9.5', Status: 'open', CreatedAt: '2026-11-26 09:00' };

function prepareAll(contract: DataContract, records: RawRecord[]): PrepareOutcome[] {
  const preparer = createRecordPreparer(contract, ctx);
  return records.map((r, i) => preparer.prepare(r, i + 1));
}

describe('createRecordPreparer', () => {
  it('renames, trims, coerces and appends lineage, in column order', () => {
    const [out] = prepareAll(orders(), [good]);
    expect(out).toEqual({
      kind: 'valid',
      violations: [],
      row: {
        rowNumber: 1,
        recordKey: '[7]',
        values: {
          order_id: 7,
          customer_name: 'Alice',
          amount: '9.50',
          status: 'open',
          created_at: '2026-11-26T09:00:00.000Z',
          ...lineage(1),
        },
        json: '{"order_id":7,"customer_name":"Alice","amount":"9.50","status":"open","created_at":"2026-11-26T09:00:00.000Z","_ingestion_id":"ing-1","_source":"raw/orders/a.csv","_row":1,"_ingested_at":"2026-11-26T10:00:00.000Z"}',
        dataJson: '{"order_id":7,"customer_name":"Alice","amount":"9.50","status":"open","created_at":"2026-11-26T09:00:00.000Z"}',
      },
    });
    if (out.kind === 'valid') expect(Object.keys(out.row.values)).toEqual([...outputColumns(orders()).map((c) => c.name)]);
  });

  it.each<[string, Partial<DataContract>, RawRecord, Record<string, unknown>]>([
    ['missing fields are null', {}, { order_id: 1 }, { order_id: 1, customer_name: null, amount: null, status: null, created_at: null }],
    [
      'null tokens become null',
      {},
      { order_id: '1', status: ' N/A ', amount: 'null' },
      { order_id: 1, customer_name: null, amount: null, status: null, created_at: null },
    ],
    [
      'unknown fields are kept after the contract fields, cleaned but not coerced',
      {},
      { order_id: '1', 'Coupon Code': ' X1 ', Note: 'NULL' },
      { order_id: 1, customer_name: null, amount: null, status: null, created_at: null, coupon_code: 'X1', note: null },
    ],
    [
      'unknown fields are dropped when not allowed',
      { allowUnknownFields: false },
      { order_id: '1', extra: 'x' },
      { order_id: 1, customer_name: null, amount: null, status: null, created_at: null },
    ],
    [
      'incoming lineage columns are replaced',
      {},
      { order_id: '1', _row: 99, _source: 'elsewhere' },
      { order_id: 1, customer_name: null, amount: null, status: null, created_at: null },
    ],
    [
      'no coercion when coerceTypes is off',
      { transforms: { ...DEFAULT_TRANSFORMS, coerceTypes: false } },
      { order_id: ' 1 ', amount: '9.5' },
      { order_id: '1', customer_name: null, amount: '9.5', status: null, created_at: null },
    ],
    [
      'names are matched exactly when snake-casing is off',
      { transforms: { ...DEFAULT_TRANSFORMS, snakeCaseFields: false } },
      { order_id: '1', OrderID: '2', Status: 'x' },
      { order_id: 1, customer_name: null, amount: null, status: null, created_at: null, OrderID: '2', Status: 'x' },
    ],
  ])('%s', (_label, overrides, raw, expected) => {
    const [out] = prepareAll(orders(overrides), [raw]);
    expect(out.kind).toBe('valid');
    if (out.kind === 'valid') expect(out.row.values).toEqual({ ...expected, ...lineage(1) });
  });

  it.each<[string, QualityRule[], RawRecord, PrepareOutcome['kind'], { rule: string; column?: string; action: string; message: string }[]]>(
    [
      [
        'a coercion failure quarantines with a ColumnDataType violation',
        [],
        { ...good, Amount: 'ten' },
        'quarantined',
        [
          {
            rule: 'ColumnDataType',
            column: 'amount',
            action: 'quarantine',
            message: 'column "amount" failed ColumnDataType(decimal): "ten" is not a decimal',
          },
        ],
      ],
      [
        'scale overflow is a coercion failure, never rounded',
        [],
        { ...good, Amount: '9.999' },
        'quarantined',
        [
          {
            rule: 'ColumnDataType',
            column: 'amount',
            action: 'quarantine',
            message: 'column "amount" failed ColumnDataType(decimal): "9.999" has 3 decimal places, more than scale 2',
          },
        ],
      ],
      [
        'an explicit ColumnDataType rule sets the action of the coercion failure',
        [{ rule: 'ColumnDataType', column: 'amount', type: 'decimal', action: 'warn' }],
        { ...good, Amount: 'ten' },
        'warned',
        [
          {
            rule: 'ColumnDataType',
            column: 'amount',
            action: 'warn',
            message: 'column "amount" failed ColumnDataType(decimal): "ten" is not a decimal',
          },
        ],
      ],
      [
        'a missing required field quarantines',
        [],
        { ...good, OrderID: '' },
        'quarantined',
        [
          {
            rule: 'IsComplete',
            column: 'order_id',
            action: 'quarantine',
            message: 'column "order_id" failed IsComplete: the value is null',
          },
        ],
      ],
      [
        'an explicit IsComplete rule takes over the required check',
        [{ rule: 'IsComplete', column: 'order_id', action: 'halt' }],
        { ...good, OrderID: null },
        'halt',
        [{ rule: 'IsComplete', column: 'order_id', action: 'halt', message: 'column "order_id" failed IsComplete: the value is null' }],
      ],
      [
        'a warn rule keeps the row',
        [{ rule: 'ColumnValuesInSet', column: 'status', values: ['open', 'closed'], action: 'warn' }],
        { ...good, Status: 'lost' },
        'warned',
        [
          {
            rule: 'ColumnValuesInSet',
            column: 'status',
            action: 'warn',
            message: 'column "status" failed ColumnValuesInSet: "lost" is not one of "open", "closed"',
          },
        ],
      ],
      [
        'rules see typed values',
        [{ rule: 'ColumnValuesBetween', column: 'amount', min: 10, action: 'quarantine' }],
        good,
        'quarantined',
        [
          {
            rule: 'ColumnValuesBetween',
            column: 'amount',
            action: 'quarantine',
            message: 'column "amount" failed ColumnValuesBetween: "9.50" is less than 10',
          },
        ],
      ],
      [
        'the worst action wins and every violation is reported',
        [
          { rule: 'ColumnValuesInSet', column: 'status', values: ['open'], action: 'warn' },
          { rule: 'ColumnLength', column: 'customer_name', max: 3, action: 'quarantine' },
        ],
        { ...good, Status: 'lost' },
        'quarantined',
        [
          {
            rule: 'ColumnValuesInSet',
            column: 'status',
            action: 'warn',
            message: 'column "status" failed ColumnValuesInSet: "lost" is not one of "open"',
          },
          {
            rule: 'ColumnLength',
            column: 'customer_name',
            action: 'quarantine',
            message: 'column "customer_name" failed ColumnLength: "Alice" has 5 characters, more than 3',
          },
        ],
      ],
      [
        'a halt rule halts',
        [{ rule: 'ColumnValuesNotInFuture', column: 'created_at', action: 'halt' }],
        { ...good, CreatedAt: '2027-01-01' },
        'halt',
        [
          {
            rule: 'ColumnValuesNotInFuture',
            column: 'created_at',
            action: 'halt',
            message:
              'column "created_at" failed ColumnValuesNotInFuture: "2027-01-01T00:00:00.000Z" is later than now (2026-11-26T10:00:00.000Z)',
          },
        ],
      ],
      [
        'null values pass every rule but IsComplete',
        [
          { rule: 'ColumnValuesInSet', column: 'status', values: ['open'], action: 'halt' },
          { rule: 'ColumnValuesMatch', column: 'customer_name', pattern: '^A', action: 'halt' },
        ],
        { OrderID: '1' },
        'valid',
        [],
      ],
    ],
  )('%s', (_label, rules, raw, kind, violations) => {
    const [out] = prepareAll(orders({ rules }), [raw]);
    expect(out.kind).toBe(kind);
    if (out.kind !== 'duplicate') expect(out.violations).toEqual(violations);
  });

  it('keeps the coerced-away value null in a warned row', () => {
    const [out] = prepareAll(orders({ rules: [{ rule: 'ColumnDataType', column: 'amount', type: 'decimal', action: 'warn' }] }), [
      { ...good, Amount: 'ten' },
    ]);
    expect(out.kind === 'warned' && out.row.values.amount).toBeNull();
  });

  it('returns the raw record with a quarantined outcome', () => {
    const raw = { ...good, Amount: 'ten' };
    const [out] = prepareAll(orders(), [raw]);
    expect(out.kind === 'quarantined' && out.record).toBe(raw);
  });

  it('drops later records with the same primary key; the first wins', () => {
    const outs = prepareAll(orders(), [good, { ...good, Amount: '1' }, { ...good, OrderID: '8' }]);
    expect(outs.map((o) => o.kind)).toEqual(['valid', 'duplicate', 'valid']);
  });

  it('does not let a quarantined record claim its key, nor dedupe null keys', () => {
    const contract = orders({ fields: orders().fields.map((f) => ({ ...f, required: false })) });
    const outs = prepareAll(contract, [{ ...good, Amount: 'bad' }, good, { Status: 'a' }, { Status: 'b' }]);
    expect(outs.map((o) => o.kind)).toEqual(['quarantined', 'valid', 'valid', 'valid']);
  });

  it.each<[string, Partial<DataContract>]>([
    ['dedupe switched off', { transforms: { ...DEFAULT_TRANSFORMS, dedupeByPrimaryKey: false } }],
    ['no primary key', { primaryKey: [] }],
  ])('keeps repeated keys with %s', (_label, overrides) => {
    const outs = prepareAll(orders(overrides), [good, good]);
    expect(outs.map((o) => o.kind)).toEqual(['valid', 'valid']);
    if (overrides.primaryKey && outs[0].kind === 'valid') expect(outs[0].row.recordKey).toBeNull();
  });

  it('builds composite record keys as JSON arrays', () => {
    const [out] = prepareAll(orders({ primaryKey: ['order_id', 'status'] }), [good]);
    expect(out.kind === 'valid' && out.row.recordKey).toBe('[7,"open"]');
  });

  it('halts when two raw names become the same kept column', () => {
    const [out] = prepareAll(orders(), [{ OrderID: '1', order_id: '2' }]);
    expect(out).toEqual({
      kind: 'halt',
      violations: [
        {
          rule: 'DistinctColumnNames',
          action: 'halt',
          message: 'field names collide after renaming: fields "OrderID", "order_id" all become "order_id"',
        },
      ],
    });
  });

  it('ignores collisions among dropped unknown fields', () => {
    const [out] = prepareAll(orders({ allowUnknownFields: false }), [{ OrderID: '1', 'Note A': 'x', note_a: 'y' }]);
    expect(out.kind).toBe('valid');
  });

  it('handles records with different key sets (JSON input)', () => {
    const outs = prepareAll(orders(), [
      { order_id: 1, extra: true },
      { status: 'open', order_id: 2 },
      { order_id: 3, extra: false },
    ]);
    const values = outs.map((o) => (o.kind === 'valid' ? o.row.values : null));
    expect(values.map((v) => v && [v.order_id, v.status, v.extra])).toEqual([
      [1, null, true],
      [2, 'open', undefined],
      [3, null, false],
    ]);
  });

  it('counts outcomes and tallies every rule with at most 5 samples', () => {
    const contract = orders({
      rules: [
        { rule: 'ColumnValuesInSet', column: 'status', values: ['open'], action: 'warn' },
        { rule: 'IsUnique', columns: ['customer_name'], action: 'warn' },
        { rule: 'RowCount', min: 1, action: 'halt' },
      ],
    });
    const preparer = createRecordPreparer(contract, ctx);
    const records: RawRecord[] = [good, good, { ...good, OrderID: 'x' }, { OrderID: '' }];
    for (let i = 0; i < 7; i++) records.push({ ...good, OrderID: String(100 + i), Status: 'shut', 'Customer Name': `c${i}` });
    records.forEach((r, i) => preparer.prepare(r, i + 1));

    expect(preparer.counts()).toEqual({ recordsIn: 11, valid: 1, warned: 7, quarantined: 2, duplicates: 1 });
    const results = preparer.ruleResults();
    expect(results.map((r) => [r.rule, r.column, r.action, r.passed, r.failed])).toEqual([
      ['ColumnDataType', 'order_id', 'quarantine', 10, 1],
      ['IsComplete', 'order_id', 'quarantine', 10, 1],
      ['ColumnDataType', 'amount', 'quarantine', 11, 0],
      ['ColumnDataType', 'created_at', 'quarantine', 11, 0],
      ['ColumnValuesInSet', 'status', 'warn', 4, 7],
      ['IsUnique', 'customer_name', 'warn', 9, 2],
    ]);
    const inSet = results[4];
    expect(inSet.samples).toHaveLength(5);
    expect(inSet.samples[0]).toEqual({ row: 5, message: 'column "status" failed ColumnValuesInSet: "shut" is not one of "open"' });
  });

  it('writes row.json as JSON.stringify(row.values) would', () => {
    const contract = orders({
      fields: [...orders().fields, { name: 'meta', type: 'json' }, { name: 'paid', type: 'boolean' }, { name: 'price', type: 'number' }],
    });
    const records: RawRecord[] = [
      good,
      { OrderID: '8', 'Customer Name': 'quote " and \\ and \n', Meta: '{"a":[1,"x"]}', Paid: 'yes', Price: '-0.5' },
      { OrderID: '9', 'Customer Name': 'emoji 😀 and lone \ud800', Extra: { nested: true }, Other: 12 },
      { OrderID: '10', 'Weird "Key"': 'x' },
    ];
    const rows = prepareAll(contract, records).map((o) => (o.kind === 'valid' ? o.row : null));
    expect(rows).not.toContain(null);
    for (const row of rows) expect(row!.json).toBe(JSON.stringify(row!.values));
  });

  it('writes row.json for a contract without fields', () => {
    const [out] = prepareAll(orders({ fields: [], primaryKey: [] }), [{ a: 1 }, {}]);
    expect(out.kind === 'valid' && out.row.json).toBe(JSON.stringify({ a: 1, ...lineage(1) }));
    const [, empty] = prepareAll(orders({ fields: [], primaryKey: [], allowUnknownFields: false }), [{ a: 1 }, { b: 2 }]);
    expect(empty.kind === 'valid' && empty.row.json).toBe(JSON.stringify(lineage(2)));
  });

  it('refuses an invalid now', () => {
    expect(() => createRecordPreparer(orders(), { ...ctx, now: 'soon' })).toThrow(RangeError);
  });

  it('refuses a contract whose rule names a column that is not a field', () => {
    expect(() => createRecordPreparer(orders({ rules: [{ rule: 'IsComplete', column: 'nope', action: 'warn' }] }), ctx)).toThrow(
      InvalidContractError,
    );
  });
});
