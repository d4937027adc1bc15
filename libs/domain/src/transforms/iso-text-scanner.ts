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
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || !isValidDate(year, month, day)) return null;
  parts.year = year;
  parts.month = month;
  parts.day = day;
  parts.hasTime = false;
  parts.hasSeconds = false;
  parts.hour = parts.minute = parts.second = 0;
  parts.fractionStart = parts.fractionDigits = 0;
  parts.offsetMinutes = 0;
  parts.hasZone = false;
  if (n === 10) return parts;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return null;
  return scanTime(text, 11) ? parts : null;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function scanTime(text: string, start: number): boolean {
  const hour = digits(text, start, 2);
  const minute = digits(text, start + 3, 2);
  if (text.charCodeAt(start + 2) !== 58 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  parts.hasTime = true;
  parts.hour = hour;
  parts.minute = minute;
  let i = start + 5;
  if (text.charCodeAt(i) === 58) {
    const second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return false;
    parts.second = second;
    parts.hasSeconds = true;
    i += 3;
    const mark = text.charCodeAt(i);
    if (mark === 46 || mark === 44) {
      let end = i + 1;
      while (end < text.length && end - i - 1 < 10 && isDigit(text.charCodeAt(end))) end++;
      const count = end - i - 1;
      if (count < 1 || count > 9) return false;
      parts.fractionStart = i + 1;
      parts.fractionDigits = count;
      i = end;
    }
  }
  return scanZone(text, i);
}

function scanZone(text: string, start: number): boolean {
  let i = start;
  const n = text.length;
  if (i === n) return true;
  if (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  parts.hasZone = true;
  if (c === 90 || c === 122) return i + 1 === n;
  if (c !== 43 && c !== 45) return false;
  const hours = digits(text, i + 1, 2);
  if (hours < 0 || hours > 23) return false;
  let minutes = 0;
  let end = i + 3;
  if (end < n) {
    if (text.charCodeAt(end) === 58) end++;
    minutes = digits(text, end, 2);
    if (minutes < 0 || minutes > 59) return false;
    end += 2;
  }
  parts.offsetMinutes = (c === 45 ? -1 : 1) * (hours * 60 + minutes);
  return end === n;
}

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
