import type { DataContract, FieldSpec, RecordRule, RuleAction } from '../contract/data-contract.js';
import { InvalidContractError } from '../errors.js';
import type { Coercer } from '../transforms/coercion-failure.js';
import { compileCoercer } from '../transforms/value-coercion.js';
import { isBatchRule } from './batch-rules.js';
import { columnRuleCheck, type KeyCheck, type RuleContext, uniqueRuleCheck, type ValueCheck } from './record-rules.js';
import { RuleTally } from './rule-tally.js';

export interface FieldPlan {
  readonly name: string;
  /** null when the contract does not coerce types. */
  readonly coerce: Coercer | null;
  /** Counts coercion outcomes: the implicit type check, or the column's explicit ColumnDataType rule. Null when it cannot fail. */
  readonly typeTally: RuleTally | null;
  readonly typeLabel: string;
  /** The implicit IsComplete of a required field (null when not required or an explicit IsComplete rule takes over). */
  readonly completeTally: RuleTally | null;
}

export interface ColumnRulePlan {
  readonly index: number;
  readonly check: ValueCheck;
  readonly tally: RuleTally;
}

export interface UniqueRulePlan {
  readonly indexes: readonly number[];
  readonly check: KeyCheck;
  readonly tally: RuleTally;
}

/** Everything about a contract the per-record loop needs, resolved once. */
export interface PreparePlan {
  readonly fields: readonly FieldPlan[];
  readonly fieldIndex: ReadonlyMap<string, number>;
  readonly columnRules: readonly ColumnRulePlan[];
  readonly uniqueRules: readonly UniqueRulePlan[];
  /** Implicit checks first (field order), then the contract's record rules (contract order). */
  readonly tallies: readonly RuleTally[];
  readonly primaryKey: readonly number[];
}

/** Types whose coercion cannot fail: no point counting a check that always passes. */
const INFALLIBLE = new Set(['string', 'json']);

export function compilePreparePlan(contract: DataContract, ctx: RuleContext): PreparePlan {
  const fieldIndex = new Map(contract.fields.map((f, i) => [f.name, i]));
  const indexOf = (column: string): number => {
    const index = fieldIndex.get(column);
    if (index === undefined) throw new InvalidContractError(`dataset ${contract.dataset}: rule column "${column}" is not a field`);
    return index;
  };
  const recordRules = contract.rules.filter((r): r is RecordRule => !isBatchRule(r));
  const coerce = contract.transforms.coerceTypes;
  const { typeRules, completeRules } = explicitOverrides(recordRules, contract.fields, indexOf, coerce);

  const tallies: RuleTally[] = [];
  const merged = new Map<RecordRule, RuleTally>();
  const fields = contract.fields.map((field) =>
    planField(field, coerce, typeRules.get(field.name), completeRules.has(field.name), tallies, merged),
  );
  const columnRules: ColumnRulePlan[] = [];
  const uniqueRules: UniqueRulePlan[] = [];
  for (const rule of recordRules) {
    const mergedTally = merged.get(rule);
    if (mergedTally) {
      tallies.push(mergedTally);
      continue;
    }
    const tally = new RuleTally(rule.rule, rule.rule === 'IsUnique' ? rule.columns.join(',') : rule.column, rule.action);
    tallies.push(tally);
    if (rule.rule === 'IsUnique') uniqueRules.push({ indexes: rule.columns.map(indexOf), check: uniqueRuleCheck(rule), tally });
    else columnRules.push({ index: indexOf(rule.column), check: columnRuleCheck(rule, ctx), tally });
  }
  return { fields, fieldIndex, columnRules, uniqueRules, tallies, primaryKey: contract.primaryKey.map(indexOf) };
}

type TypeRule = RecordRule & { rule: 'ColumnDataType' };

/**
 * Explicit rules that take over an implicit check: a ColumnDataType rule of the field's own
 * type sets the action of coercion failures, an IsComplete rule replaces `required`.
 */
function explicitOverrides(
  rules: readonly RecordRule[],
  fields: readonly FieldSpec[],
  indexOf: (column: string) => number,
  coerce: boolean,
) {
  const typeRules = new Map<string, TypeRule>();
  const completeRules = new Set<string>();
  for (const rule of rules) {
    if (rule.rule === 'IsComplete') completeRules.add(rule.column);
    if (rule.rule !== 'ColumnDataType' || !coerce || typeRules.has(rule.column)) continue;
    if (fields[indexOf(rule.column)].type === rule.type) typeRules.set(rule.column, rule);
  }
  return { typeRules, completeRules };
}

function planField(
  field: FieldSpec,
  coerce: boolean,
  typeRule: TypeRule | undefined,
  hasCompleteRule: boolean,
  tallies: RuleTally[],
  merged: Map<RecordRule, RuleTally>,
): FieldPlan {
  let typeTally: RuleTally | null = null;
  if (typeRule) {
    typeTally = new RuleTally('ColumnDataType', field.name, typeRule.action);
    merged.set(typeRule, typeTally);
  } else if (coerce && !INFALLIBLE.has(field.type)) {
    typeTally = new RuleTally('ColumnDataType', field.name, 'quarantine');
    tallies.push(typeTally);
  }
  let completeTally: RuleTally | null = null;
  if (field.required && !hasCompleteRule) {
    completeTally = new RuleTally('IsComplete', field.name, 'quarantine');
    tallies.push(completeTally);
  }
  return {
    name: field.name,
    coerce: coerce ? compileCoercer(field) : null,
    typeTally,
    typeLabel: `ColumnDataType(${field.type})`,
    completeTally,
  };
}

export const actionRank = (action: RuleAction): number => (action === 'halt' ? 3 : action === 'quarantine' ? 2 : 1);
