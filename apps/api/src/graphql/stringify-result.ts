import { JsonText } from '@pipeline/domain/records/json-text.js';

/**
 * Apollo's `stringifyResult`: the JSON.stringify of a GraphQL response (plus the newline Apollo
 * adds), except that a JsonText value (a record's `data` as PostgreSQL sent it) is copied as it is
 * instead of being parsed and serialised again. The same JSON value either way; the text of a
 * record may differ in insignificant whitespace and number spelling (`12.50`). On a page of
 * records it is also faster than JSON.stringify of the parsed page.
 */
export function stringifyResult(result: object): string {
  return `${jsonOf(result) ?? 'null'}\n`;
}

// Strings JSON.stringify writes between quotes as they are (no quote, backslash, control character or surrogate).
const NOTHING_TO_ESCAPE = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON.stringify's output for `value` (undefined where it leaves the value out), with JsonText copied. */
export function jsonOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return stringJson(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof JsonText) return value.text;
      if (Array.isArray(value)) return arrayJson(value);
      // Dates, values with toJSON, class instances: JSON.stringify knows their rules.
      return isPlainObject(value) ? objectJson(value) : JSON.stringify(value);
    default:
      // undefined, functions and symbols are left out (null inside arrays); a bigint throws, as in JSON.stringify.
      return typeof value === 'bigint' ? JSON.stringify(value) : undefined;
  }
}

/** A string as JSON.stringify writes it. */
export function stringJson(value: string): string {
  return NOTHING_TO_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value);
}

function isPlainObject(value: object): value is Readonly<Record<string, unknown>> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function arrayJson(items: readonly unknown[]): string {
  let json = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) json += ',';
    json += jsonOf(items[i]) ?? 'null';
  }
  return json + ']';
}

function objectJson(object: Readonly<Record<string, unknown>>): string {
  let json = '{';
  let first = true;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const member = jsonOf(object[key]);
    if (member === undefined) continue;
    if (first) first = false;
    else json += ',';
    json += quotedKey(key);
    json += member;
  }
  return json + '}';
}

/** Field names repeat on every item of a page: quote each once (short names only, and a bounded number of them). */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 1000;
const MAX_CACHED_KEY_LENGTH = 64;

function quotedKey(key: string): string {
  const known = quotedKeys.get(key);
  if (known !== undefined) return known;
  const quoted = `${JSON.stringify(key)}:`;
  if (key.length <= MAX_CACHED_KEY_LENGTH && quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  return quoted;
}
