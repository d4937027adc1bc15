import type { RecordRule, RuleAction } from '../contract/data-contract.js';
import type { Violation } from '../records/processed-row.js';
import { coerceNumber } from '../transforms/numeric-coercion.js';
import { parseInstant } from '../transforms/temporal-coercion.js';
import { coerceValue } from '../transforms/value-coercion.js';
import { describeValue } from '../transforms/value-description.js';
import { HashedKeySet } from './hashed-key-set.js';

export type ColumnRule = Exclude<RecordRule, { rule: 'IsUnique' }>;
export type UniqueRule = Extract<RecordRule, { rule: 'IsUnique' }>;

/** One rule applied to one (transformed) value: null when it passes. */
export type ValueCheck = (value: unknown) => Violation | null;
/** IsUnique applied to the values of its columns, in rule order. */
export type KeyCheck = (keyValues: readonly unknown[]) => Violation | null;

export interface RuleContext {
  /** Wall-clock "now" of the ingestion, for ColumnValuesNotInFuture. */
  readonly now: Date;
}

/** Longer patterns are refused when a contract is parsed: a regex is run once per record. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Compiles a single-column rule once per contract. Null values pass every rule except
 * IsComplete (Great Expectations semantics: completeness is its own rule).
 * @example columnRuleCheck({ rule: 'ColumnValuesBetween', column: 'qty', min: 0, action: 'quarantine' }, ctx)(-1)?.message
 *   // 'column "qty" failed ColumnValuesBetween: -1 is less than 0'
 */
export function columnRuleCheck(rule: ColumnRule, ctx: RuleContext): ValueCheck {
  switch (rule.rule) {
    case 'IsComplete':
      return (value) => (value === null || value === undefined ? violation(rule, 'IsComplete', 'the value is null') : null);
    case 'ColumnDataType':
      return dataTypeCheck(rule);
    case 'ColumnValuesInSet':
      return inSetCheck(rule);
    case 'ColumnValuesMatch':
      return matchCheck(rule);
    case 'ColumnValuesBetween':
      return betweenCheck(rule);
    case 'ColumnLength':
      return lengthCheck(rule);
    case 'ColumnValuesNotInFuture':
      return notInFutureCheck(rule, ctx);
    default: {
      const unknownRule: never = rule;
      throw new TypeError(`unknown record rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/**
 * IsUnique within one ingestion; the returned check is stateful (it remembers the keys it
 * has seen) and must not be shared between ingestions. A key with a null part is not
 * checked. Memory stays compact: see HashedKeySet for the collision trade-off.
 */
export function uniqueRuleCheck(rule: UniqueRule): KeyCheck {
  const seen = new HashedKeySet();
  const name = rule.columns.join(',');
  return (keyValues) => {
    for (let i = 0; i < keyValues.length; i++) if (keyValues[i] === null || keyValues[i] === undefined) return null;
    const key = JSON.stringify(keyValues);
    if (seen.add(key)) return null;
    const shown = keyValues.length === 1 ? describeValue(keyValues[0]) : describeValue(key);
    return failure(
      name,
      rule.action,
      `columns "${rule.columns.join('", "')}" failed IsUnique: ${shown} already appeared in this ingestion`,
    );
  };
}

/** Why a pattern cannot be used, or null when it compiles and is short enough. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return `does not compile: ${(error as Error).message}`;
  }
}

function dataTypeCheck(rule: Extract<ColumnRule, { rule: 'ColumnDataType' }>): ValueCheck {
  const spec = { type: rule.type };
  return (value) => {
    if (value === null || value === undefined) return null;
    const result = coerceValue(value, spec);
    return result.ok ? null : violation(rule, `ColumnDataType(${rule.type})`, result.message);
  };
}

function inSetCheck(rule: Extract<ColumnRule, { rule: 'ColumnValuesInSet' }>): ValueCheck {
  // Compared as text so 3 matches "3"; a canonical decimal "12.50" also matches the number 12.5.
  const textual = new Set(rule.values.map(String));
  const numeric = new Set(rule.values.filter((v): v is number => typeof v === 'number'));
  const shownSet = rule.values.slice(0, 10).map(describeValue).join(', ') + (rule.values.length > 10 ? ', …' : '');
  return (value) => {
    if (value === null || value === undefined) return null;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (textual.has(text) || (numeric.size > 0 && typeof value === 'string' && numeric.has(Number(value)))) return null;
    return violation(rule, 'ColumnValuesInSet', `${describeValue(value)} is not one of ${shownSet}`);
  };
}

function matchCheck(rule: Extract<ColumnRule, { rule: 'ColumnValuesMatch' }>): ValueCheck {
  const regex = new RegExp(rule.pattern);
  const shownPattern = describeValue(rule.pattern);
  return (value) => {
    if (value === null || value === undefined) return null;
    if (regex.test(asText(value))) return null;
    return violation(rule, 'ColumnValuesMatch', `${describeValue(value)} does not match the pattern ${shownPattern}`);
  };
}

function betweenCheck(rule: Extract<ColumnRule, { rule: 'ColumnValuesBetween' }>): ValueCheck {
  const { min, max } = rule;
  return (value) => {
    if (value === null || value === undefined) return null;
    const n = asNumber(value);
    if (n === null) return violation(rule, 'ColumnValuesBetween', `${describeValue(value)} is not a number`);
    if (min !== undefined && n < min) return violation(rule, 'ColumnValuesBetween', `${describeValue(value)} is less than ${min}`);
    if (max !== undefined && n > max) return violation(rule, 'ColumnValuesBetween', `${describeValue(value)} is greater than ${max}`);
    return null;
  };
}

function lengthCheck(rule: Extract<ColumnRule, { rule: 'ColumnLength' }>): ValueCheck {
  const { min, max } = rule;
  return (value) => {
    if (value === null || value === undefined) return null;
    const length = codePointLength(asText(value));
    if (min !== undefined && length < min)
      return violation(rule, 'ColumnLength', `${describeValue(value)} has ${length} characters, fewer than ${min}`);
    if (max !== undefined && length > max)
      return violation(rule, 'ColumnLength', `${describeValue(value)} has ${length} characters, more than ${max}`);
    return null;
  };
}

function notInFutureCheck(rule: Extract<ColumnRule, { rule: 'ColumnValuesNotInFuture' }>, ctx: RuleContext): ValueCheck {
  const latest = ctx.now.getTime() + (rule.toleranceSeconds ?? 0) * 1000;
  const shownNow = ctx.now.toISOString();
  return (value) => {
    if (value === null || value === undefined) return null;
    const instant = parseInstant(value);
    if (instant === null) return violation(rule, 'ColumnValuesNotInFuture', `${describeValue(value)} is not a timestamp`);
    return instant > latest ? violation(rule, 'ColumnValuesNotInFuture', `${describeValue(value)} is later than now (${shownNow})`) : null;
  };
}

function violation(rule: ColumnRule, ruleLabel: string, detail: string): Violation {
  return failure(rule.column, rule.action, `column "${rule.column}" failed ${ruleLabel}: ${detail}`, rule.rule);
}

function failure(column: string, action: RuleAction, message: string, rule = 'IsUnique'): Violation {
  return { rule, column, action, message };
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return null;
  const n = coerceNumber(value);
  return typeof n === 'number' ? n : null;
}

/** Characters as people count them (code points), so an emoji is 1, not 2. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) length--;
  }
  return length;
}
