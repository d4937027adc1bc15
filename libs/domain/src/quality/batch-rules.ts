import type { BatchRule, DataContract, QualityRule } from '../contract/data-contract.js';
import type { RecordCounts, RuleResult } from '../events/ingestion-events.js';
import type { Violation } from '../records/processed-row.js';

const BATCH_RULES: ReadonlySet<string> = new Set<BatchRule['rule']>(['RowCount', 'MaxInvalidRatio']);

export const isBatchRule = (rule: QualityRule): rule is BatchRule => BATCH_RULES.has(rule.rule);

/**
 * Batch rules over the finished counts. Row counts are records read (duplicates included);
 * the invalid ratio is quarantined / records read (warned records are valid, duplicates are not invalid).
 * @example evaluateBatchRules(contract, counts) // [] when every batch rule holds
 */
export function evaluateBatchRules(contract: Pick<DataContract, 'rules'>, counts: RecordCounts): Violation[] {
  const violations: Violation[] = [];
  for (const rule of contract.rules) {
    if (!isBatchRule(rule)) continue;
    const found = checkBatchRule(rule, counts);
    if (found) violations.push(found);
  }
  return violations;
}

/** The same checks as RuleResults (passed or failed once), to sit beside the record rules in QualityChecked. */
export function batchRuleResults(contract: Pick<DataContract, 'rules'>, counts: RecordCounts): RuleResult[] {
  const results: RuleResult[] = [];
  for (const rule of contract.rules) {
    if (!isBatchRule(rule)) continue;
    const found = checkBatchRule(rule, counts);
    results.push({
      rule: rule.rule,
      action: rule.action,
      passed: found ? 0 : 1,
      failed: found ? 1 : 0,
      samples: found ? [{ row: 0, message: found.message }] : [],
    });
  }
  return results;
}

function checkBatchRule(rule: BatchRule, counts: RecordCounts): Violation | null {
  switch (rule.rule) {
    case 'RowCount':
      return checkRowCount(rule, counts.recordsIn);
    case 'MaxInvalidRatio':
      return checkInvalidRatio(rule, counts);
    default: {
      const unknownRule: never = rule;
      throw new TypeError(`unknown batch rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

function checkRowCount(rule: Extract<BatchRule, { rule: 'RowCount' }>, rows: number): Violation | null {
  if (rule.min !== undefined && rows < rule.min) return batchViolation(rule, `RowCount failed: ${rows} records, fewer than ${rule.min}`);
  if (rule.max !== undefined && rows > rule.max) return batchViolation(rule, `RowCount failed: ${rows} records, more than ${rule.max}`);
  return null;
}

function checkInvalidRatio(rule: Extract<BatchRule, { rule: 'MaxInvalidRatio' }>, counts: RecordCounts): Violation | null {
  const ratio = counts.recordsIn === 0 ? 0 : counts.quarantined / counts.recordsIn;
  if (ratio <= rule.max) return null;
  return batchViolation(
    rule,
    `MaxInvalidRatio failed: ${counts.quarantined} of ${counts.recordsIn} records (${percent(ratio)}) were quarantined, more than ${percent(rule.max)}`,
  );
}

function batchViolation(rule: BatchRule, message: string): Violation {
  return { rule: rule.rule, action: rule.action, message };
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
