import type { FieldSpec, FieldType } from '../contract/data-contract.js';
import { type Coercer, CoercionFailure } from './coercion-failure.js';
import { coerceDecimal, coerceInteger, coerceNumber } from './numeric-coercion.js';
import { coerceDate, coerceTimestamp } from './temporal-coercion.js';
import { describeValue } from './value-description.js';

export type CoercionResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Converts one value to its field's contract type. null/undefined pass as null: whether
 * that is allowed is IsComplete's business, not the type's.
 * @example coerceValue('+42', { name: 'qty', type: 'integer' }) // { ok: true, value: 42 }
 */
export function coerceValue(value: unknown, field: Pick<FieldSpec, 'type' | 'precision' | 'scale'>): CoercionResult {
  if (value === null || value === undefined) return { ok: true, value: null };
  const out = compileCoercer(field)(value);
  return out instanceof CoercionFailure ? { ok: false, message: out.message } : { ok: true, value: out };
}

/**
 * The coercion for one field, built once per contract. Returns the converted value or a
 * CoercionFailure; callers handle null before calling it.
 */
export function compileCoercer(field: Pick<FieldSpec, 'type' | 'precision' | 'scale'>): Coercer {
  const type: FieldType = field.type;
  switch (type) {
    case 'string':
      return coerceString;
    case 'integer':
      return coerceInteger;
    case 'number':
      return coerceNumber;
    case 'decimal': {
      const { precision, scale } = field;
      return (value) => coerceDecimal(value, precision, scale);
    }
    case 'boolean':
      return coerceBoolean;
    case 'timestamp':
      return coerceTimestamp;
    case 'date':
      return coerceDate;
    case 'json':
      return coerceJson;
    default: {
      const unknownType: never = type;
      throw new TypeError(`unknown field type ${String(unknownType)}`);
    }
  }
}

function coerceString(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['t', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['false', false],
  ['f', false],
  ['no', false],
  ['n', false],
  ['0', false],
]);

function coerceBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && value.length <= 5) {
    const word = BOOLEAN_WORDS.get(value.toLowerCase());
    if (word !== undefined) return word;
  }
  if (value === 1 || value === 0) return value === 1;
  return new CoercionFailure(`${describeValue(value)} is not a boolean`);
}

/** Anything is JSON; text that looks like an object or array is parsed, and kept as text if it does not parse. */
function coerceJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
