import type { RuleAction } from '../contract/data-contract.js';
import type { RuleResult } from '../events/ingestion-events.js';

const MAX_SAMPLES = 5;

/** Passed/failed counts of one rule over one ingestion, with the first few failures as samples. */
export class RuleTally {
  passed = 0;
  failed = 0;
  private readonly samples: { row: number; message: string }[] = [];

  constructor(
    readonly rule: string,
    readonly column: string | undefined,
    readonly action: RuleAction,
  ) {}

  fail(row: number, message: string): void {
    this.failed++;
    if (this.samples.length < MAX_SAMPLES) this.samples.push({ row, message });
  }

  result(): RuleResult {
    const base = { rule: this.rule, action: this.action, passed: this.passed, failed: this.failed, samples: this.samples.slice() };
    return this.column === undefined ? base : { ...base, column: this.column };
  }
}
