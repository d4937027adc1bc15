/**
 * A hand-written scanner for `YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)f{1,9}]][ ](Z|z|±hh[[:]mm])]`.
 * It replaces a capturing regex on the hot path (timestamps are in most records): it
 * allocates nothing and reports the parts through a reused object.
 * No zone means UTC; the zone is only allowed after a time of day.
 */
export interface IsoParts {
  year: number;
  month: number;
  day: number;
  hasTime: boolean;
  hour: number;
  minute: number;
  second: number;
  hasSeconds: boolean;
  /** Index of the first fraction digit and the number of fraction digits (0 when absent). */
  fractionStart: number;
  fractionDigits: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
  hasZone: boolean;
}

const parts: IsoParts = {
  year: 0,
  month: 0,
  day: 0,
  hasTime: false,
  hour: 0,
  minute: 0,
  second: 0,
  hasSeconds: false,
  fractionStart: 0,
  fractionDigits: 0,
  offsetMinutes: 0,
  hasZone: false,
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The parts of a syntactically and calendrically valid text, or null. The result is reused by the next call. */
export function scanIsoText(text: string): Readonly<IsoParts> | null {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || !isValidDate(year, month, day)) return null;
  reset(year, month, day);
  if (text.length === 10) return parts;
  const sep = text.charCodeAt(10);
  return (sep === 84 || sep === 116 || sep === 32) && scanTime(text, 11) ? parts : null;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function reset(year: number, month: number, day: number): void {
  parts.year = year;
  parts.month = month;
  parts.day = day;
  parts.hasTime = parts.hasSeconds = parts.hasZone = false;
  parts.hour = parts.minute = parts.second = 0;
  parts.fractionStart = parts.fractionDigits = parts.offsetMinutes = 0;
}

/** `HH:MM` then optional `:SS[.f]` and zone, from `start`. */
function scanTime(text: string, start: number): boolean {
  const hour = digits(text, start, 2);
  const minute = digits(text, start + 3, 2);
  if (text.charCodeAt(start + 2) !== 58 || !inRange(hour, 23) || !inRange(minute, 59)) return false;
  parts.hasTime = true;
  parts.hour = hour;
  parts.minute = minute;
  const afterMinutes = start + 5;
  if (text.charCodeAt(afterMinutes) !== 58) return scanZone(text, afterMinutes);
  const afterSeconds = scanSeconds(text, afterMinutes + 1);
  return afterSeconds >= 0 && scanZone(text, afterSeconds);
}

/** `SS[(.|,)f{1,9}]` at `start`; the index after it, or -1. */
function scanSeconds(text: string, start: number): number {
  const second = digits(text, start, 2);
  if (!inRange(second, 59)) return -1;
  parts.second = second;
  parts.hasSeconds = true;
  const mark = text.charCodeAt(start + 2);
  if (mark !== 46 && mark !== 44) return start + 2;
  let end = start + 3;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  const count = end - start - 3;
  if (count < 1 || count > 9) return -1;
  parts.fractionStart = start + 3;
  parts.fractionDigits = count;
  return end;
}

/** Nothing, or an optional space then `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`, up to the end of the text. */
function scanZone(text: string, start: number): boolean {
  if (start === text.length) return true;
  const i = text.charCodeAt(start) === 32 ? start + 1 : start;
  const c = text.charCodeAt(i);
  parts.hasZone = true;
  if (c === 90 || c === 122) return i + 1 === text.length;
  return (c === 43 || c === 45) && scanOffset(text, i + 1, c === 45 ? -1 : 1);
}

/** `hh`, `hhmm` or `hh:mm` after the sign, up to the end of the text. */
function scanOffset(text: string, start: number, sign: number): boolean {
  const hours = digits(text, start, 2);
  const minutesAt = text.charCodeAt(start + 2) === 58 ? start + 3 : start + 2;
  const hasMinutes = minutesAt < text.length;
  const minutes = hasMinutes ? digits(text, minutesAt, 2) : 0;
  if (!inRange(hours, 23) || !inRange(minutes, 59)) return false;
  parts.offsetMinutes = sign * (hours * 60 + minutes);
  return (hasMinutes ? minutesAt + 2 : start + 2) === text.length;
}

const inRange = (value: number, max: number): boolean => value >= 0 && value <= max;

/** The value of `count` ASCII digits at `start`, or -1. */
function digits(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
