import { PortError } from '../errors.js';

/** Comparison operators of a processed-records filter. */
export type RecordFilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'in' | 'exists';

export const RECORD_FILTER_OPS: readonly RecordFilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'exists'];

/** A JSON path into a record's `data`, as segments: `customer.address.city` → ['customer', 'address', 'city']. */
export type RecordPath = readonly string[];

/** One validated filter; `value` is JSON (for `in` an array, for `exists` a boolean). */
export interface RecordFilter {
  readonly path: RecordPath;
  readonly op: RecordFilterOp;
  readonly value: unknown;
}

/** Segments are plain names or array indexes: they become a text[] parameter, never SQL text. */
const SEGMENT = /^[A-Za-z0-9_]+$/;
const MAX_SEGMENTS = 16;
const MAX_IN_VALUES = 1000;

/**
 * Validates a filter as it arrives from a client, with an error that says what is wrong.
 * @example parseRecordFilter({ path: 'customer.country', op: 'eq', value: 'PT' }) // { path: ['customer', 'country'], … }
 */
export function parseRecordFilter(input: { path: string; op: string; value?: unknown }, index = 0): RecordFilter {
  const where = `where[${index}]`;
  const path = parseRecordPath(input.path, where);
  if (!(RECORD_FILTER_OPS as readonly string[]).includes(input.op)) {
    throw invalid(`${where}.op ${JSON.stringify(input.op)} is not one of ${RECORD_FILTER_OPS.join(', ')}`);
  }
  const op = input.op as RecordFilterOp;
  return { path, op, value: checkValue(op, input.value, where) };
}

export function parseRecordPath(path: string, where = 'path'): RecordPath {
  if (typeof path !== 'string' || path.length === 0) throw invalid(`${where}.path must be a non-empty string`);
  const segments = path.split('.');
  if (segments.length > MAX_SEGMENTS) throw invalid(`${where}.path has more than ${MAX_SEGMENTS} segments`);
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      throw invalid(
        `${where}.path ${JSON.stringify(path)} is not allowed: each dot-separated segment may contain only A-Z, a-z, 0-9 and _`,
      );
    }
  }
  return segments;
}

function checkValue(op: RecordFilterOp, value: unknown, where: string): unknown {
  if (op === 'exists') return checkExists(value, where);
  if (value === undefined) throw invalid(`${where}.value is required for ${op}`);
  if (op === 'in' && (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES)) {
    throw invalid(`${where}.value for in must be an array of 1 to ${MAX_IN_VALUES} values`);
  }
  if (ORDERED.has(op) && typeof value !== 'number' && typeof value !== 'string')
    throw invalid(`${where}.value for ${op} must be a number or a string`);
  return value;
}

const ORDERED = new Set<RecordFilterOp>(['gt', 'gte', 'lt', 'lte']);

function checkExists(value: unknown, where: string): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'boolean') throw invalid(`${where}.value for exists must be true or false`);
  return value;
}

const invalid = (message: string): PortError => new PortError('INVALID_INPUT', message);
