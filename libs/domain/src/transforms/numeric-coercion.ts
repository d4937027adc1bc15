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
  if (!(isDigit(first) || first === 43 || first === 45 || first === 46) || !(isDigit(last) || last === 46)) return false;
  if (first === 48 && n > 2) {
    const radix = text.charCodeAt(1) | 0x20;
    if (radix === 120 || radix === 98 || radix === 111) return false;
  }
  return true;
}

/**
 * Fast path for the common `[+-]digits[.digits]` text with a scale: the canonical text is
 * the input re-padded. Returns null for anything else (the general path decides, and words
 * the failure).
 */
function plainDecimal(text: string, precision?: number, scale?: number): string | null {
  if (scale === undefined) return null;
  const n = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i = 1;
  while (i < n - 1 && text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) !== 46) i++;
  const wholeStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  if (wholeEnd === wholeStart) return null;
  let fractionEnd = i;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return null;
    for (i++; i < n; i++) if (!isDigit(text.charCodeAt(i))) return null;
    fractionEnd = n;
    while (fractionEnd > wholeEnd + 1 && text.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
  }
  const fraction = fractionEnd > wholeEnd + 1 ? text.slice(wholeEnd + 1, fractionEnd) : '';
  const whole = text.slice(wholeStart, wholeEnd);
  if (fraction.length > scale || (precision !== undefined && (whole === '0' ? 0 : whole.length) + scale > precision)) return null;
  const negative = sign === 45 && (whole !== '0' || fraction !== '');
  const body = scale > 0 ? `${whole}.${fraction.padEnd(scale, '0')}` : whole;
  return negative ? `-${body}` : body;
}

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
  if (parts.digits.length + parts.exponent > 19) return new CoercionFailure(`${describeValue(original)} is outside the 64-bit integer range`);
  const magnitude = parts.digits + '0'.repeat(parts.exponent);
  const limit = parts.negative ? INT64_MIN_ABS : INT64_MAX;
  if (magnitude.length === 19 && magnitude > limit) return new CoercionFailure(`${describeValue(original)} is outside the 64-bit integer range`);
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
