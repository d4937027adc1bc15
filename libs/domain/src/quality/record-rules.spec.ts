import type { RecordRule } from '../contract/data-contract.js';
import { type ColumnRule, columnRuleCheck, MAX_PATTERN_LENGTH, patternProblem, uniqueRuleCheck } from './record-rules.js';

const ctx = { now: new Date('2026-11-26T10:00:00.000Z') };

type Case = [label: string, rule: ColumnRule, value: unknown, expected: string | null];

const isComplete: ColumnRule = { rule: 'IsComplete', column: 'email', action: 'quarantine' };
const dataType: ColumnRule = { rule: 'ColumnDataType', column: 'qty', type: 'integer', action: 'warn' };
const inSet: ColumnRule = { rule: 'ColumnValuesInSet', column: 'status', values: ['open', 'closed', 3, true], action: 'quarantine' };
const match: ColumnRule = { rule: 'ColumnValuesMatch', column: 'email', pattern: '^[^@]+@[^@]+$', action: 'quarantine' };
const between: ColumnRule = { rule: 'ColumnValuesBetween', column: 'amount', min: 0, max: 100, action: 'halt' };
const atLeast: ColumnRule = { rule: 'ColumnValuesBetween', column: 'amount', min: 0, action: 'warn' };
const length: ColumnRule = { rule: 'ColumnLength', column: 'code', min: 2, max: 4, action: 'quarantine' };
const notInFuture: ColumnRule = { rule: 'ColumnValuesNotInFuture', column: 'created_at', action: 'quarantine' };
const tolerant: ColumnRule = { rule: 'ColumnValuesNotInFuture', column: 'created_at', toleranceSeconds: 60, action: 'warn' };

const cases: Case[] = [
  ['IsComplete: present', isComplete, 'a@b', null],
  ['IsComplete: empty string is present (null tokens run earlier)', isComplete, '', null],
  ['IsComplete: false is present', isComplete, false, null],
  ['IsComplete: null', isComplete, null, 'column "email" failed IsComplete: the value is null'],
  ['IsComplete: undefined', isComplete, undefined, 'column "email" failed IsComplete: the value is null'],
  ['ColumnDataType: integer', dataType, 42, null],
  ['ColumnDataType: integer text', dataType, '42', null],
  ['ColumnDataType: null passes', dataType, null, null],
  ['ColumnDataType: fraction', dataType, '4.5', 'column "qty" failed ColumnDataType(integer): "4.5" is not an integer'],
  ['InSet: member', inSet, 'open', null],
  ['InSet: number member', inSet, 3, null],
  ['InSet: number as text', inSet, '3', null],
  ['InSet: decimal text of a number member', inSet, '3.00', null],
  ['InSet: boolean member', inSet, true, null],
  ['InSet: null passes', inSet, null, null],
  ['InSet: case matters', inSet, 'Open', 'column "status" failed ColumnValuesInSet: "Open" is not one of "open", "closed", 3, true'],
  ['InSet: other number', inSet, 4, 'column "status" failed ColumnValuesInSet: 4 is not one of "open", "closed", 3, true'],
  ['Match: matches', match, 'a@b.c', null],
  ['Match: null passes', match, null, null],
  ['Match: no @', match, 'nobody', 'column "email" failed ColumnValuesMatch: "nobody" does not match the pattern "^[^@]+@[^@]+$"'],
  ['Between: inside', between, 50, null],
  ['Between: bounds are inclusive', between, 100, null],
  ['Between: lower bound inclusive', between, 0, null],
  ['Between: decimal text', between, '99.99', null],
  ['Between: null passes', between, null, null],
  ['Between: below', between, -5, 'column "amount" failed ColumnValuesBetween: -5 is less than 0'],
  ['Between: above', between, 100.5, 'column "amount" failed ColumnValuesBetween: 100.5 is greater than 100'],
  ['Between: decimal text above', between, '100.01', 'column "amount" failed ColumnValuesBetween: "100.01" is greater than 100'],
  ['Between: not numeric', between, 'lots', 'column "amount" failed ColumnValuesBetween: "lots" is not a number'],
  ['Between: hex text is not numeric', between, '0x10', 'column "amount" failed ColumnValuesBetween: "0x10" is not a number'],
  ['Between: open-ended', atLeast, 1e12, null],
  ['Length: inside', length, 'abc', null],
  ['Length: counts code points', length, '😀😀', null],
  ['Length: null passes', length, null, null],
  ['Length: too short', length, 'a', 'column "code" failed ColumnLength: "a" has 1 characters, fewer than 2'],
  ['Length: too long', length, 'abcde', 'column "code" failed ColumnLength: "abcde" has 5 characters, more than 4'],
  ['Length: numbers by their text', length, 12345, 'column "code" failed ColumnLength: 12345 has 5 characters, more than 4'],
  ['NotInFuture: past', notInFuture, '2026-11-26T09:59:59.999Z', null],
  ['NotInFuture: now', notInFuture, '2026-11-26T10:00:00.000Z', null],
  ['NotInFuture: today as a date', notInFuture, '2026-11-26', null],
  ['NotInFuture: null passes', notInFuture, null, null],
  [
    'NotInFuture: 1 ms later',
    notInFuture,
    '2026-11-26T10:00:00.001Z',
    'column "created_at" failed ColumnValuesNotInFuture: "2026-11-26T10:00:00.001Z" is later than now (2026-11-26T10:00:00.000Z)',
  ],
  [
    'NotInFuture: tomorrow',
    notInFuture,
    '2026-11-27',
    'column "created_at" failed ColumnValuesNotInFuture: "2026-11-27" is later than now (2026-11-26T10:00:00.000Z)',
  ],
  ['NotInFuture: garbage', notInFuture, 'soon', 'column "created_at" failed ColumnValuesNotInFuture: "soon" is not a timestamp'],
  ['NotInFuture: within tolerance', tolerant, '2026-11-26T10:01:00.000Z', null],
  [
    'NotInFuture: beyond tolerance',
    tolerant,
    '2026-11-26T10:01:00.001Z',
    'column "created_at" failed ColumnValuesNotInFuture: "2026-11-26T10:01:00.001Z" is later than now (2026-11-26T10:00:00.000Z)',
  ],
];

describe('columnRuleCheck', () => {
  it.each(cases)('%s', (_label, rule, value, expected) => {
    const result = columnRuleCheck(rule, ctx)(value);
    if (expected === null) {
      expect(result).toBeNull();
    } else {
      expect(result).toEqual({ rule: rule.rule, column: rule.column, action: rule.action, message: expected });
    }
  });

  it('truncates long offending values to 100 characters', () => {
    const long = 'y'.repeat(300);
    const result = columnRuleCheck(length, ctx)(long);
    expect(result?.message).toBe(`column "code" failed ColumnLength: "${'y'.repeat(100)}…" has 300 characters, more than 4`);
  });
});

describe('uniqueRuleCheck', () => {
  const rule: RecordRule & { rule: 'IsUnique' } = { rule: 'IsUnique', columns: ['order_id', 'line'], action: 'quarantine' };

  it.each<[string, unknown[][], (string | null)[]]>([
    [
      'distinct keys pass',
      [
        ['a', 1],
        ['a', 2],
        ['b', 1],
      ],
      [null, null, null],
    ],
    [
      'a repeated key fails after the first',
      [
        ['a', 1],
        ['a', 1],
        ['a', 1],
      ],
      [
        null,
        'columns "order_id", "line" failed IsUnique: "[\\"a\\",1]" already appeared in this ingestion',
        'columns "order_id", "line" failed IsUnique: "[\\"a\\",1]" already appeared in this ingestion',
      ],
    ],
    [
      'keys with a null part are not checked',
      [
        ['a', null],
        ['a', null],
      ],
      [null, null],
    ],
    [
      'types are part of the key',
      [
        ['a', 1],
        ['a', '1'],
      ],
      [null, null],
    ],
  ])('%s', (_label, keys, expected) => {
    const check = uniqueRuleCheck(rule);
    expect(keys.map((k) => check(k)?.message ?? null)).toEqual(expected);
  });

  it('reports the rule, the joined columns and the action', () => {
    const check = uniqueRuleCheck({ rule: 'IsUnique', columns: ['id'], action: 'warn' });
    check([7]);
    expect(check([7])).toEqual({
      rule: 'IsUnique',
      column: 'id',
      action: 'warn',
      message: 'columns "id" failed IsUnique: 7 already appeared in this ingestion',
    });
  });

  it('starts empty for every compiled check', () => {
    expect(uniqueRuleCheck(rule)(['a', 1])).toBeNull();
    expect(uniqueRuleCheck(rule)(['a', 1])).toBeNull();
  });
});

describe('patternProblem', () => {
  it.each<[string, string | null]>([
    ['^[a-z]+$', null],
    ['(unclosed', 'does not compile'],
    ['x'.repeat(MAX_PATTERN_LENGTH), null],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), 'is longer than 1000 characters'],
  ])('%j', (pattern, problem) => {
    const result = patternProblem(pattern);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
