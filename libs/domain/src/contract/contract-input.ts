import { InvalidContractError } from '../errors.js';
import { FIELD_TYPES, type FieldType } from './data-contract.js';

/** Where a contract came from (`datasets/orders.yaml`, `api`, `cli`) and where in it we are (`rules[2].column`). */
export interface InputPlace {
  readonly origin: string;
  readonly path: string;
}

export type InputObject = Readonly<Record<string, unknown>>;

export const at = (place: InputPlace, key: string | number): InputPlace => ({
  origin: place.origin,
  path: typeof key === 'number' ? `${place.path}[${key}]` : place.path ? `${place.path}.${key}` : key,
});

/** Throws the one error a contract parse ends with: origin, JSON path, problem. */
export function invalid(place: InputPlace, problem: string): never {
  throw new InvalidContractError(`${place.origin}: ${place.path || 'the contract'} ${problem}`);
}

export const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
};

export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

/** An object whose keys are all in `allowed`; a snake_case spelling of an allowed key gets a hint. */
export function readObject(value: unknown, place: InputPlace, allowed: readonly string[]): InputObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(place, `must be an object, got ${describeKind(value)}`);
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const hint = camel !== key && allowed.includes(camel) ? ` (did you mean "${camel}"?)` : '';
    invalid(at(place, key), `is not a known property${hint}; known: ${allowed.join(', ')}`);
  }
  return value as InputObject;
}

export function readArray(value: unknown, place: InputPlace): readonly unknown[] {
  if (!Array.isArray(value)) invalid(place, `must be an array, got ${describeKind(value)}`);
  return value;
}

export function readString(value: unknown, place: InputPlace): string {
  if (typeof value !== 'string') invalid(place, `must be a string, got ${describeKind(value)}`);
  return value;
}

export function readBoolean(value: unknown, place: InputPlace): boolean {
  if (typeof value !== 'boolean') invalid(place, `must be true or false, got ${describeKind(value)}`);
  return value;
}

export function readNumber(value: unknown, place: InputPlace, options: { integer?: boolean; min?: number; max?: number } = {}): number {
  const kind = options.integer ? 'an integer' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(place, `must be ${kind}, got ${describeKind(value)}`);
  if (options.integer && !Number.isInteger(value)) invalid(place, `must be ${kind}, got ${show(value)}`);
  if (options.min !== undefined && value < options.min) invalid(place, `must be at least ${options.min}, got ${show(value)}`);
  if (options.max !== undefined && value > options.max) invalid(place, `must be at most ${options.max}, got ${show(value)}`);
  return value;
}

/** `readX(obj[key])` when present, else undefined. */
export function optional<T>(
  obj: InputObject,
  key: string,
  place: InputPlace,
  read: (value: unknown, place: InputPlace) => T,
): T | undefined {
  const value = obj[key];
  return value === undefined ? undefined : read(value, at(place, key));
}

export function required<T>(obj: InputObject, key: string, place: InputPlace, read: (value: unknown, place: InputPlace) => T): T {
  const value = obj[key];
  if (value === undefined || value === null) invalid(at(place, key), 'is required');
  return read(value, at(place, key));
}

export function readFieldType(value: unknown, place: InputPlace): FieldType {
  const type = readString(value, place);
  if (!(FIELD_TYPES as readonly string[]).includes(type)) invalid(place, `${show(type)} is not a type; known: ${FIELD_TYPES.join(', ')}`);
  return type as FieldType;
}
