import { type DataContract, type FieldSpec, LINEAGE_FIELDS } from '../contract/data-contract.js';
import type { RecordCounts, RuleResult } from '../events/ingestion-events.js';
import type { ProcessedRow, RawRecord, Violation } from '../records/processed-row.js';
import { CoercionFailure } from '../transforms/coercion-failure.js';
import type { LineageContext } from '../transforms/lineage.js';
import { createValueCleaner, type ValueCleaner } from '../transforms/value-cleaning.js';
import { HashedKeySet } from './hashed-key-set.js';
import { DROPPED, type KeyLayout, KeyLayouts } from './key-layout.js';
import { actionRank, compilePreparePlan, type PreparePlan } from './prepare-plan.js';
import { RowAssembler } from './row-assembler.js';
import type { RuleTally } from './rule-tally.js';

export type PrepareOutcome =
  | { readonly kind: 'valid'; readonly row: ProcessedRow; readonly violations: readonly [] }
  | { readonly kind: 'warned'; readonly row: ProcessedRow; readonly violations: readonly Violation[] }
  | { readonly kind: 'quarantined'; readonly violations: readonly Violation[]; readonly record: RawRecord }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'halt'; readonly violations: readonly Violation[] };

export interface PrepareContext extends LineageContext {
  /** Wall-clock "now" of the ingestion (ColumnValuesNotInFuture), ISO-8601 or a Date. */
  readonly now: string | Date;
}

/** Turns raw records of one ingestion into processed rows; stateful (counts, tallies, keys seen). */
export interface RecordPreparer {
  /** @example const out = preparer.prepare({ OrderID: '7', Amount: '9.50' }, 1); if (out.kind === 'valid') rows.push(out.row) */
  prepare(raw: RawRecord, rowNumber: number): PrepareOutcome;
  counts(): RecordCounts;
  /** Passed/failed per record rule (implicit type and completeness checks included), up to 5 samples each. */
  ruleResults(): RuleResult[];
}

const NO_VIOLATIONS: readonly [] = Object.freeze([]) as readonly [];
const DUPLICATE: PrepareOutcome = Object.freeze({ kind: 'duplicate' });
const HALT = 3;
const QUARANTINE = 2;

/** Contract fields then lineage fields: the typed columns every sink writes, in order. */
export const outputColumns = (contract: Pick<DataContract, 'fields'>): FieldSpec[] => [...contract.fields, ...LINEAGE_FIELDS];

/**
 * Builds the per-ingestion record pipeline: rename → trim/null tokens → coerce → required →
 * rules → de-duplicate by primary key (first wins) → lineage. The worst failed action
 * decides the outcome (halt > quarantine > warn). Everything contract-shaped is resolved
 * here once; `prepare` is a plain loop (it runs a million times per file).
 *
 * Decisions worth knowing: a value that fails coercion is null in a warned row; a halted
 * record counts as quarantined; a primary key with a null part is never a duplicate;
 * quarantined records do not claim their key, so a later valid record with it is kept.
 */
export function createRecordPreparer(contract: DataContract, ctx: PrepareContext): RecordPreparer {
  const now = typeof ctx.now === 'string' ? new Date(ctx.now) : ctx.now;
  // An invalid "now" would make every not-in-future check pass silently.
  if (Number.isNaN(now.getTime())) throw new RangeError(`createRecordPreparer: now ${JSON.stringify(ctx.now)} is not a valid time`);
  const plan = compilePreparePlan(contract, { now });
  const layouts = new KeyLayouts(plan.fieldIndex, contract.transforms, contract.allowUnknownFields);
  const dedupe = contract.transforms.dedupeByPrimaryKey && plan.primaryKey.length > 0 ? new HashedKeySet() : null;
  const rows = new RowAssembler(
    plan.fields.map((f) => f.name),
    plan.primaryKey,
    ctx,
  );
  return new ContractRecordPreparer(plan, layouts, createValueCleaner(contract.transforms), dedupe, rows);
}

class ContractRecordPreparer implements RecordPreparer {
  private readonly scratch: unknown[];
  private recordsIn = 0;
  private valid = 0;
  private warned = 0;
  private quarantined = 0;
  private duplicates = 0;
  // Per-record findings, reset by prepare(): fields rather than locals so helpers need no closures.
  private violations: Violation[] | null = null;
  private worst = 0;

  constructor(
    private readonly plan: PreparePlan,
    private readonly layouts: KeyLayouts,
    private readonly clean: ValueCleaner,
    private readonly seenKeys: HashedKeySet | null,
    private readonly rows: RowAssembler,
  ) {
    this.scratch = new Array<unknown>(plan.fields.length).fill(null);
  }

  prepare(raw: RawRecord, rowNumber: number): PrepareOutcome {
    this.recordsIn++;
    const layout = this.layouts.layoutFor(raw);
    if (layout.problem) {
      this.quarantined++;
      return { kind: 'halt', violations: [layout.problem] };
    }
    this.violations = null;
    this.worst = 0;
    const typed = this.scratch.fill(null);
    const extras = layout.unknownNames.length > 0 ? new Array<unknown>(layout.unknownNames.length).fill(null) : null;
    // layoutFor checked that the record's keys are layout.keys in this order, so its values line up with them.
    const rawValues = Object.values(raw);
    const targets = layout.targets;
    for (let i = 0; i < rawValues.length; i++) {
      const target = targets[i];
      if (target === DROPPED) continue;
      const value = this.clean(rawValues[i]);
      if (target >= 0) typed[target] = value;
      else extras![-1 - target] = value;
    }
    this.coerceAndComplete(typed, rowNumber);
    this.applyRules(typed, rowNumber);
    return this.conclude(raw, typed, extras, layout, rowNumber);
  }

  counts(): RecordCounts {
    return {
      recordsIn: this.recordsIn,
      valid: this.valid,
      warned: this.warned,
      quarantined: this.quarantined,
      duplicates: this.duplicates,
    };
  }

  ruleResults(): RuleResult[] {
    return this.plan.tallies.map((t) => t.result());
  }

  private coerceAndComplete(typed: unknown[], rowNumber: number): void {
    const fields = this.plan.fields;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f];
      const value = typed[f];
      if (value === null) {
        if (field.completeTally)
          this.fail(
            field.completeTally,
            rowNumber,
            'IsComplete',
            field.name,
            `column "${field.name}" failed IsComplete: the value is null`,
          );
        if (field.typeTally) field.typeTally.passed++;
        continue;
      }
      if (field.completeTally) field.completeTally.passed++;
      if (field.coerce === null) continue;
      const out = field.coerce(value);
      if (out instanceof CoercionFailure) {
        typed[f] = null;
        const message = `column "${field.name}" failed ${field.typeLabel}: ${out.message}`;
        if (field.typeTally) this.fail(field.typeTally, rowNumber, 'ColumnDataType', field.name, message);
        else this.note({ rule: 'ColumnDataType', column: field.name, action: 'quarantine', message });
      } else {
        typed[f] = out;
        if (field.typeTally) field.typeTally.passed++;
      }
    }
  }

  private applyRules(typed: unknown[], rowNumber: number): void {
    const columnRules = this.plan.columnRules;
    for (let r = 0; r < columnRules.length; r++) {
      const rule = columnRules[r];
      const found = rule.check(typed[rule.index]);
      if (found === null) rule.tally.passed++;
      else this.record(rule.tally, rowNumber, found);
    }
    const uniqueRules = this.plan.uniqueRules;
    for (let r = 0; r < uniqueRules.length; r++) {
      const rule = uniqueRules[r];
      const found = rule.check(rule.indexes.map((i) => typed[i]));
      if (found === null) rule.tally.passed++;
      else this.record(rule.tally, rowNumber, found);
    }
  }

  private conclude(raw: RawRecord, typed: unknown[], extras: unknown[] | null, layout: KeyLayout, rowNumber: number): PrepareOutcome {
    const violations = this.violations;
    if (violations !== null && this.worst >= QUARANTINE) {
      this.quarantined++;
      return this.worst === HALT ? { kind: 'halt', violations } : { kind: 'quarantined', violations, record: raw };
    }
    const recordKey = this.rows.recordKey(typed);
    if (recordKey !== null && this.seenKeys !== null && !this.rows.hasNullKeyPart(typed) && !this.seenKeys.add(recordKey)) {
      this.duplicates++;
      return DUPLICATE;
    }
    const row = this.rows.row(typed, extras, layout, rowNumber, recordKey);
    if (violations === null) {
      this.valid++;
      return { kind: 'valid', row, violations: NO_VIOLATIONS };
    }
    this.warned++;
    return { kind: 'warned', row, violations };
  }

  private fail(tally: RuleTally, rowNumber: number, rule: string, column: string, message: string): void {
    this.record(tally, rowNumber, { rule, column, action: tally.action, message });
  }

  private record(tally: RuleTally, rowNumber: number, violation: Violation): void {
    tally.fail(rowNumber, violation.message);
    this.note(violation);
  }

  private note(violation: Violation): void {
    (this.violations ??= []).push(violation);
    const rank = actionRank(violation.action);
    if (rank > this.worst) this.worst = rank;
  }
}
