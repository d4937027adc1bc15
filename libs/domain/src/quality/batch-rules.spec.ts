import type { BatchRule, QualityRule } from '../contract/data-contract.js';
import type { RecordCounts } from '../events/ingestion-events.js';
import { batchRuleResults, evaluateBatchRules } from './batch-rules.js';

const counts = (recordsIn: number, quarantined = 0): RecordCounts => ({
  recordsIn,
  valid: recordsIn - quarantined,
  warned: 0,
  quarantined,
  duplicates: 0,
});

describe('evaluateBatchRules', () => {
  it.each<[string, BatchRule, RecordCounts, string | null]>([
    ['RowCount inside', { rule: 'RowCount', min: 1, max: 10, action: 'halt' }, counts(10), null],
    ['RowCount too few', { rule: 'RowCount', min: 1, action: 'halt' }, counts(0), 'RowCount failed: 0 records, fewer than 1'],
    ['RowCount too many', { rule: 'RowCount', max: 5, action: 'warn' }, counts(6), 'RowCount failed: 6 records, more than 5'],
    ['MaxInvalidRatio at the limit', { rule: 'MaxInvalidRatio', max: 0.1, action: 'halt' }, counts(100, 10), null],
    [
      'MaxInvalidRatio over the limit',
      { rule: 'MaxInvalidRatio', max: 0.1, action: 'halt' },
      counts(100, 11),
      'MaxInvalidRatio failed: 11 of 100 records (11.0%) were quarantined, more than 10.0%',
    ],
    ['MaxInvalidRatio of no records', { rule: 'MaxInvalidRatio', max: 0, action: 'halt' }, counts(0), null],
  ])('%s', (_label, rule, c, expected) => {
    const violations = evaluateBatchRules({ rules: [rule] }, c);
    expect(violations).toEqual(expected === null ? [] : [{ rule: rule.rule, action: rule.action, message: expected }]);
  });

  it('ignores record rules and reports every failing batch rule in contract order', () => {
    const rules: QualityRule[] = [
      { rule: 'IsComplete', column: 'id', action: 'quarantine' },
      { rule: 'MaxInvalidRatio', max: 0, action: 'warn' },
      { rule: 'RowCount', min: 1000, action: 'halt' },
    ];
    expect(evaluateBatchRules({ rules }, counts(10, 1)).map((v) => v.rule)).toEqual(['MaxInvalidRatio', 'RowCount']);
  });
});

describe('batchRuleResults', () => {
  it('reports each batch rule as passed or failed once', () => {
    const rules: QualityRule[] = [
      { rule: 'RowCount', min: 1, action: 'halt' },
      { rule: 'RowCount', min: 100, action: 'warn' },
    ];
    expect(batchRuleResults({ rules }, counts(10))).toEqual([
      { rule: 'RowCount', action: 'halt', passed: 1, failed: 0, samples: [] },
      {
        rule: 'RowCount',
        action: 'warn',
        passed: 0,
        failed: 1,
        samples: [{ row: 0, message: 'RowCount failed: 10 records, fewer than 100' }],
      },
    ]);
  });
});
