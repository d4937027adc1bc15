import { patternProblem } from '../quality/record-rules.js';
import {
  at,
  describeKind,
  type InputObject,
  type InputPlace,
  invalid,
  optional,
  readArray,
  readNumber,
  readFieldType,
  readObject,
  readString,
  required,
  show,
} from './contract-input.js';
import type { QualityRule, RuleAction } from './data-contract.js';

const ACTIONS: readonly RuleAction[] = ['warn', 'quarantine', 'halt'];

type RuleKind = QualityRule['rule'];
type RuleReader = (obj: InputObject, place: InputPlace, fields: ReadonlySet<string>) => QualityRule;

/** Per kind: the properties it takes besides `rule` and `action`, and how to read them. */
const RULES: Readonly<Record<RuleKind, { readonly keys: readonly string[]; readonly read: RuleReader }>> = {
  IsComplete: {
    keys: ['column'],
    read: (o, p, f) => ({ rule: 'IsComplete', column: column(o, p, f), action: action(o, p, 'quarantine') }),
  },
  ColumnDataType: {
    keys: ['column', 'type'],
    read: (o, p, f) => ({
      rule: 'ColumnDataType',
      column: column(o, p, f),
      type: required(o, 'type', p, readFieldType),
      action: action(o, p, 'quarantine'),
    }),
  },
  ColumnValuesInSet: {
    keys: ['column', 'values'],
    read: (o, p, f) => ({
      rule: 'ColumnValuesInSet',
      column: column(o, p, f),
      values: allowedValues(o, p),
      action: action(o, p, 'quarantine'),
    }),
  },
  ColumnValuesMatch: {
    keys: ['column', 'pattern'],
    read: (o, p, f) => ({ rule: 'ColumnValuesMatch', column: column(o, p, f), pattern: pattern(o, p), action: action(o, p, 'quarantine') }),
  },
  ColumnValuesBetween: {
    keys: ['column', 'min', 'max'],
    read: (o, p, f) => ({
      rule: 'ColumnValuesBetween',
      column: column(o, p, f),
      ...bounds(o, p, false),
      action: action(o, p, 'quarantine'),
    }),
  },
  ColumnLength: {
    keys: ['column', 'min', 'max'],
    read: (o, p, f) => ({ rule: 'ColumnLength', column: column(o, p, f), ...bounds(o, p, true), action: action(o, p, 'quarantine') }),
  },
  IsUnique: { keys: ['columns'], read: (o, p, f) => ({ rule: 'IsUnique', columns: columns(o, p, f), action: action(o, p, 'quarantine') }) },
  ColumnValuesNotInFuture: {
    keys: ['column', 'toleranceSeconds'],
    read: (o, p, f) => {
      const toleranceSeconds = optional(o, 'toleranceSeconds', p, (v, q) => readNumber(v, q, { min: 0 }));
      const rule = { rule: 'ColumnValuesNotInFuture' as const, column: column(o, p, f), action: action(o, p, 'quarantine') };
      return toleranceSeconds === undefined ? rule : { ...rule, toleranceSeconds };
    },
  },
  RowCount: { keys: ['min', 'max'], read: (o, p) => ({ rule: 'RowCount', ...bounds(o, p, true), action: action(o, p, 'halt') }) },
  MaxInvalidRatio: {
    keys: ['max'],
    read: (o, p) => ({
      rule: 'MaxInvalidRatio',
      max: required(o, 'max', p, (v, q) => readNumber(v, q, { min: 0, max: 1 })),
      action: action(o, p, 'halt'),
    }),
  },
};

/**
 * The `rules` list of a contract. `action` defaults to `quarantine` for record rules and
 * `halt` for batch rules; every column named must be a field of the contract.
 */
export function parseRules(value: unknown, place: InputPlace, fields: ReadonlySet<string>): QualityRule[] {
  if (value === undefined || value === null) return [];
  return readArray(value, place).map((item, i) => parseRule(item, at(place, i), fields));
}

function parseRule(item: unknown, place: InputPlace, fields: ReadonlySet<string>): QualityRule {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) invalid(place, `must be an object, got ${describeKind(item)}`);
  const kind = required(item as InputObject, 'rule', place, readString);
  if (!Object.hasOwn(RULES, kind)) invalid(at(place, 'rule'), `${show(kind)} is not a rule; known: ${Object.keys(RULES).join(', ')}`);
  const spec = RULES[kind as RuleKind];
  const obj = readObject(item, place, ['rule', 'action', ...spec.keys]);
  return spec.read(obj, place, fields);
}

function action(obj: InputObject, place: InputPlace, fallback: RuleAction): RuleAction {
  const value = optional(obj, 'action', place, readString);
  if (value === undefined) return fallback;
  if (!(ACTIONS as readonly string[]).includes(value))
    invalid(at(place, 'action'), `${show(value)} is not an action; known: ${ACTIONS.join(', ')}`);
  return value as RuleAction;
}

function column(obj: InputObject, place: InputPlace, fields: ReadonlySet<string>): string {
  const name = required(obj, 'column', place, readString);
  if (!fields.has(name)) invalid(at(place, 'column'), `${show(name)} is not a field`);
  return name;
}

function columns(obj: InputObject, place: InputPlace, fields: ReadonlySet<string>): string[] {
  const list = required(obj, 'columns', place, readArray);
  if (list.length === 0) invalid(at(place, 'columns'), 'must name at least one column');
  return list.map((item, i) => {
    const name = readString(item, at(at(place, 'columns'), i));
    if (!fields.has(name)) invalid(at(at(place, 'columns'), i), `${show(name)} is not a field`);
    return name;
  });
}

function allowedValues(obj: InputObject, place: InputPlace): (string | number | boolean)[] {
  const list = required(obj, 'values', place, readArray);
  if (list.length === 0) invalid(at(place, 'values'), 'must list at least one value');
  return list.map((item, i) => {
    const ok = typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item));
    if (!ok) invalid(at(at(place, 'values'), i), `must be a string, number or boolean, got ${describeKind(item)}`);
    return item as string | number | boolean;
  });
}

function pattern(obj: InputObject, place: InputPlace): string {
  const text = required(obj, 'pattern', place, readString);
  const problem = patternProblem(text);
  if (problem !== null) invalid(at(place, 'pattern'), problem);
  return text;
}

function bounds(obj: InputObject, place: InputPlace, counts: boolean): { min?: number; max?: number } {
  const read = (v: unknown, p: InputPlace) => readNumber(v, p, counts ? { integer: true, min: 0 } : {});
  const min = optional(obj, 'min', place, read);
  const max = optional(obj, 'max', place, read);
  if (min === undefined && max === undefined) invalid(place, 'needs min, max or both');
  if (min !== undefined && max !== undefined && min > max) invalid(at(place, 'min'), `must not exceed max (${min} > ${max})`);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}
