import { CoercionFailure } from './coercion-failure.js';
import { describeValue } from './value-description.js';

const SHORT_INTEGER = /^[+-]?\d{1,15}$/;
/** Decimal text: sign, digits with an optional '.', optional exponent. Never ',' decimals, hex, NaN or Infinity. */
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';
/** Beyond this an exponent can only describe a value no column type holds. */
const MAX_EXPONENT = 400;

/** value = (negative ? -1 : 1) × digits × 10^exponent, digits without leading zeros ('' for zero). */
interface DecimalParts {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

/**
 * Integer: a JS number within ±(2^53-1), else a canonical decimal string when it fits
 * int64 (so a bigint id survives exactly), else a failure. `42.0` and `1e3` pass; `4.5` does not.
 */
export function coerceInteger(value: unknown): unknown {
  if (typeof value === 'string') {
    if (SHORT_INTEGER.test(value)) return Number(value) || 0;
    const parts = parseDecimalText(value);
    return parts ? integerFromParts(parts, value) : new CoercionFailure(`${describeValue(value)} is not an integer`);
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value || 0;
    if (!Number.isInteger(value)) return new CoercionFailure(`${value} is not an integer`);
    return integerFromParts(parseDecimalText(BigInt(value).toString())!, value);
  }
  if (typeof value === 'bigint') return integerFromParts(parseDecimalText(value.toString())!, value);
  return new CoercionFailure(`${describeValue(value)} is not an integer`);
}

/** Finite IEEE double; '.' is the only decimal separator. */
export function coerceNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : new CoercionFailure(`${value} is not a finite number`);
  if (typeof value === 'string') {
    const n = isPlainNumberText(value) ? Number(value) : Number.NaN;
    return Number.isFinite(n) ? n : new CoercionFailure(`${describeValue(value)} is not a number`);
  }
  if (typeof value === 'bigint') return Number(value);
  return new CoercionFailure(`${describeValue(value)} is not a number`);
}

/**
 * Exact decimal as canonical text (`-12.50` for scale 2): no rounding, ever. More fraction
 * digits than `scale` or more digits than `precision` fail. Without `scale` the text keeps
 * the value's own fraction digits (trailing zeros dropped) and `precision` limits all digits.
 */
export function coerceDecimal(value: unknown, precision?: number, scale?: number): unknown {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  else return new CoercionFailure(`${describeValue(value)} is not a decimal`);
  const plain = plainDecimal(text, precision, scale);
  if (plain !== null) return plain;
  const parts = parseDecimalText(text);
  if (!parts) return new CoercionFailure(`${describeValue(value)} is not a decimal`);
  return formatDecimal(parts, value, precision, scale);
}

/**
 * Number() accepts more than decimal text (hex, binary, octal, blanks, 'Infinity'): these
 * guards leave exactly `[+-]digits[.digits][e[+-]digits]`, which Number() then parses or NaNs.
 */
function isPlainNumberText(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  const startsWell = isDigit(first) || first === 43 || first === 45 || first === 46;
  return startsWell && (isDigit(last) || last === 46) && !hasRadixPrefix(text);
}

/** `0x1A`, `0b10`, `0o17`. */
function hasRadixPrefix(text: string): boolean {
  if (text.length <= 2 || text.charCodeAt(0) !== 48) return false;
  const radix = text.charCodeAt(1) | 0x20;
  return radix === 120 || radix === 98 || radix === 111;
}

/**
 * Fast path for the common `[+-]digits[.digits]` text with a scale: the canonical text is
 * the input re-padded. Returns null for anything else (the general path decides, and words
 * the failure).
 */
function plainDecimal(text: string, precision?: number, scale?: number): string | null {
  if (scale === undefined) return null;
  const negative = text.charCodeAt(0) === 45;
  const signLength = negative || text.charCodeAt(0) === 43 ? 1 : 0;
  const wholeEnd = skipDigits(text, signLength);
  const fractionEnd = wholeEnd === signLength ? -1 : significantFractionEnd(text, wholeEnd);
  if (fractionEnd < 0) return null;
  const fraction = text.slice(Math.min(wholeEnd + 1, fractionEnd), fractionEnd);
  return scaledText(negative, withoutLeadingZeros(text.slice(signLength, wholeEnd)), fraction, scale, precision);
}

function scaledText(negative: boolean, whole: string, fraction: string, scale: number, precision?: number): string | null {
  const wholeDigits = whole === '0' ? 0 : whole.length;
  if (fraction.length > scale || wholeDigits + scale > (precision ?? Infinity)) return null;
  const body = scale > 0 ? `${whole}.${fraction.padEnd(scale, '0')}` : whole;
  return negative && (wholeDigits > 0 || fraction !== '') ? `-${body}` : body;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** End of the fraction digits without trailing zeros; -1 unless the rest of the text is `.digits` (or nothing). */
function significantFractionEnd(text: string, point: number): number {
  if (point === text.length) return point;
  if (text.charCodeAt(point) !== 46 || skipDigits(text, point + 1) !== text.length) return -1;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end;
}

const withoutLeadingZeros = (digits: string): string =>
  digits.length > 1 && digits.charCodeAt(0) === 48 ? digits.replace(/^0+(?=\d)/, '') : digits;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function parseDecimalText(text: string): DecimalParts | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exp] = match;
  if (whole === '' && fraction === '') return null;
  const exponent = (exp ? Number(exp) : 0) - fraction.length;
  if (Math.abs(exponent) > MAX_EXPONENT) return null;
  let digits = (whole + fraction).replace(/^0+/, '');
  let shift = exponent;
  // Trailing zeros of the fraction carry no value: 12.500 is 125 × 10^-1.
  while (shift < 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    shift++;
  }
  return { negative: sign === '-' && digits !== '', digits, exponent: digits === '' ? 0 : shift };
}

function integerFromParts(parts: DecimalParts, original: unknown): unknown {
  if (parts.exponent < 0) return new CoercionFailure(`${describeValue(original)} is not an integer`);
  if (parts.digits === '') return 0;
  if (parts.digits.length + parts.exponent > 19)
    return new CoercionFailure(`${describeValue(original)} is outside the 64-bit integer range`);
  const magnitude = parts.digits + '0'.repeat(parts.exponent);
  const limit = parts.negative ? INT64_MIN_ABS : INT64_MAX;
  if (magnitude.length === 19 && magnitude > limit)
    return new CoercionFailure(`${describeValue(original)} is outside the 64-bit integer range`);
  const n = Number(magnitude);
  if (Number.isSafeInteger(n)) return parts.negative ? -n : n;
  return parts.negative ? `-${magnitude}` : magnitude;
}

function formatDecimal(parts: DecimalParts, original: unknown, precision?: number, scale?: number): unknown {
  const fractionDigits = Math.max(0, -parts.exponent);
  if (scale !== undefined && fractionDigits > scale) {
    return new CoercionFailure(`${describeValue(original)} has ${fractionDigits} decimal places, more than scale ${scale}`);
  }
  const width = scale ?? fractionDigits;
  let whole: string;
  let fraction: string;
  if (parts.exponent >= 0) {
    whole = parts.digits === '' ? '0' : parts.digits + '0'.repeat(parts.exponent);
    fraction = '';
  } else {
    const padded = parts.digits.padStart(fractionDigits + 1, '0');
    whole = padded.slice(0, padded.length - fractionDigits).replace(/^0+(?=\d)/, '');
    fraction = padded.slice(padded.length - fractionDigits);
  }
  const wholeDigits = whole === '0' ? 0 : whole.length;
  if (precision !== undefined && wholeDigits + width > precision) {
    return new CoercionFailure(`${describeValue(original)} needs ${wholeDigits + width} digits, more than precision ${precision}`);
  }
  const text = width > 0 ? `${whole}.${fraction.padEnd(width, '0')}` : whole;
  return parts.negative ? `-${text}` : text;
}
