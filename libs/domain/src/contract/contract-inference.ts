import { InvalidContractError } from '../errors.js';
import type { RawRecord } from '../records/processed-row.js';
import { LINEAGE_NAMES } from '../transforms/lineage.js';
import { coerceInteger } from '../transforms/numeric-coercion.js';
import { toSnakeCase } from '../transforms/snake-case.js';
import { isIsoDateText, isIsoTimestampText } from '../transforms/temporal-coercion.js';
import { createValueCleaner } from '../transforms/value-cleaning.js';
import { type DataContract, DATASET_NAME_PATTERN, DEFAULT_TRANSFORMS, type FieldType } from './data-contract.js';

/** No leading zeros: "007" is an identifier or a zip code, and an integer column would lose the zeros. */
const INTEGER_TEXT = /^[+-]?(?:0|[1-9]\d*)$/;
const NUMBER_TEXT = /^[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** What the values seen so far allow: nothing yet, one type, or a mix (→ string). */
type Seen = FieldType | 'none' | 'mixed';

/**
 * A permissive contract for a dataset seen for the first time, from its first records:
 * types from the values (after trimming and null tokens), every field optional, no rules,
 * no primary key, unknown fields allowed. Field names are snake_cased as at ingestion.
 * Mixed values make a string field, as do fields that were always null.
 * @example inferContract('orders', [{ OrderID: '7', Paid: 'true' }]).fields // [{ name: 'order_id', type: 'integer', required: false }, …]
 */
export function inferContract(dataset: string, samples: readonly RawRecord[]): DataContract {
  if (!DATASET_NAME_PATTERN.test(dataset)) {
    throw new InvalidContractError(`inferred contract: dataset ${JSON.stringify(dataset)} must match ${DATASET_NAME_PATTERN}`);
  }
  const clean = createValueCleaner(DEFAULT_TRANSFORMS);
  const seen = new Map<string, Seen>();
  const names = new Map<string, string>();
  for (const record of samples) {
    for (const key of Object.keys(record)) {
      let name = names.get(key);
      if (name === undefined) names.set(key, (name = toSnakeCase(key)));
      if (LINEAGE_NAMES.has(name)) continue;
      const type = classify(clean(record[key]));
      seen.set(name, join(seen.get(name) ?? 'none', type));
    }
  }
  return {
    dataset,
    version: 1,
    fields: [...seen].map(([name, type]) => ({ name, type: type === 'none' || type === 'mixed' ? 'string' : type, required: false })),
    primaryKey: [],
    rules: [],
    transforms: DEFAULT_TRANSFORMS,
    allowUnknownFields: true,
    inferred: true,
  };
}

/** The narrowest type one value fits, or 'none' for null. */
export function classify(value: unknown): Seen {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      if (Number.isSafeInteger(value)) return 'integer';
      return Number.isFinite(value) ? 'number' : 'string';
    case 'bigint':
      return typeof coerceInteger(value) === 'object' ? 'string' : 'integer';
    case 'string':
      return classifyText(value);
    case 'object':
      return value === null ? 'none' : 'json';
    default:
      return 'string';
  }
}

function classifyText(text: string): Seen {
  const lower = text.length <= 5 ? text.toLowerCase() : '';
  if (lower === 'true' || lower === 'false') return 'boolean';
  if (INTEGER_TEXT.test(text)) return typeof coerceInteger(text) === 'object' ? 'string' : 'integer';
  if (NUMBER_TEXT.test(text)) return Number.isFinite(Number(text)) ? 'number' : 'string';
  if (isIsoDateText(text)) return 'date';
  if (isIsoTimestampText(text)) return 'timestamp';
  return 'string';
}

function join(a: Seen, b: Seen): Seen {
  if (a === b || b === 'none') return a;
  if (a === 'none') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'mixed';
}
