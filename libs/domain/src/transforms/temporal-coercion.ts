import { CoercionFailure } from './coercion-failure.js';
import { type IsoParts, scanIsoText } from './iso-text-scanner.js';
import { describeValue } from './value-description.js';

/** Epoch numbers at or above this (in magnitude) are milliseconds, below it seconds (1e11 s is year 5138). */
const EPOCH_MS_THRESHOLD = 1e11;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what ISO-8601 text without an expanded year can say. */
const MIN_MS = -62167219200000;
const MAX_MS = 253402300799999;
const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds for ISO-like text (see iso-text-scanner.ts), an epoch number or digit
 * string in seconds or milliseconds, or a Date; null when the value is not a valid instant
 * (2026-02-30, garbage). Fractions beyond milliseconds are truncated, never rounded up.
 */
export function parseInstant(value: unknown): number | null {
  let ms: number | null;
  if (typeof value === 'string') ms = isEpochText(value) ? fromEpoch(Number(value)) : instantOf(scanIsoText(value), value);
  else if (typeof value === 'number') ms = fromEpoch(value);
  else if (value instanceof Date) ms = value.getTime();
  else return null;
  return ms !== null && ms >= MIN_MS && ms <= MAX_MS ? ms : null;
}

/** → `2026-11-26T10:00:00.000Z`. */
export function coerceTimestamp(value: unknown): unknown {
  if (typeof value === 'string' && !isEpochText(value)) {
    const parts = scanIsoText(value);
    // Hot path: UTC text needs no Date round trip, and canonical text is returned as it is.
    if (parts !== null && parts.offsetMinutes === 0) return utcText(parts, value);
    if (parts === null) return new CoercionFailure(`${describeValue(value)} is not a valid timestamp`);
  }
  const ms = parseInstant(value);
  return ms === null ? new CoercionFailure(`${describeValue(value)} is not a valid timestamp`) : new Date(ms).toISOString();
}

/** → `2026-11-26`; a timestamp contributes its UTC date. */
export function coerceDate(value: unknown): unknown {
  if (typeof value === 'string' && value.length === 10 && scanIsoText(value) !== null) return value;
  const ms = parseInstant(value);
  return ms === null ? new CoercionFailure(`${describeValue(value)} is not a valid date`) : new Date(ms).toISOString().slice(0, 10);
}

/** True for text that spells a calendar date with a time of day (what inference calls a timestamp). */
export function isIsoTimestampText(text: string): boolean {
  return scanIsoText(text)?.hasTime === true;
}

/** True for a valid `YYYY-MM-DD`. */
export function isIsoDateText(text: string): boolean {
  return text.length === 10 && scanIsoText(text) !== null;
}

/** Digit strings (optionally signed, optionally with a fraction) are epoch values. */
function isEpochText(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  let i = start;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (i++; i < n; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function fromEpoch(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  return Math.trunc(Math.abs(n) >= EPOCH_MS_THRESHOLD ? n : n * 1000);
}

function instantOf(parts: Readonly<IsoParts> | null, text: string): number | null {
  if (parts === null) return null;
  const minutes = parts.hour * 60 + parts.minute - parts.offsetMinutes;
  return daysFromCivil(parts.year, parts.month, parts.day) * MS_PER_DAY + (minutes * 60 + parts.second) * 1000 + millisOf(parts, text);
}

function millisOf(parts: Readonly<IsoParts>, text: string): number {
  if (parts.fractionDigits === 0) return 0;
  let millis = 0;
  for (let i = 0; i < 3; i++) millis = millis * 10 + (i < parts.fractionDigits ? text.charCodeAt(parts.fractionStart + i) - 48 : 0);
  return millis;
}

function utcText(parts: Readonly<IsoParts>, text: string): string {
  if (text.length === 24 && parts.fractionDigits === 3 && text.charCodeAt(10) === 84 && text.charCodeAt(23) === 90) return text;
  const seconds = parts.hasSeconds ? text.slice(17, 19) : '00';
  const time = parts.hasTime ? `${text.slice(11, 16)}:${seconds}` : '00:00:00';
  return `${text.slice(0, 10)}T${time}.${String(millisOf(parts, text)).padStart(3, '0')}Z`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant); Date.UTC maps years 0–99 to 1900–1999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
