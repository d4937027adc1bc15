import { PortError } from '../errors.js';

/** One UTC day, half-open: `from` ≤ t < `to`. */
export interface ReportWindow {
  /** YYYY-MM-DD */
  readonly date: string;
  /** ISO-8601, midnight UTC of `date`. */
  readonly from: string;
  /** ISO-8601, midnight UTC of the next day. */
  readonly to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A report date that is not a real calendar day, or lies in the future. */
export class InvalidReportDateError extends PortError {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super('INVALID_INPUT', `invalid report date ${JSON.stringify(input)}: ${reason}`);
  }
}

/**
 * The UTC window of a report date. Rejects impossible dates (2026-02-30) and days that have not
 * started yet at `now`; today is allowed and yields a partial report.
 * @example reportWindow('2026-11-25', new Date()) // { date, from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' }
 */
export function reportWindow(date: string, now: Date): ReportWindow {
  if (!DATE.test(date)) throw new InvalidReportDateError(date, 'expected YYYY-MM-DD');
  const start = utcStart(date);
  if (start === null) throw new InvalidReportDateError(date, 'no such day');
  if (start > now.getTime()) throw new InvalidReportDateError(date, `the day has not started yet (now is ${now.toISOString()})`);
  return { date, from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** The UTC day before `now`'s — what the daily run reports on. */
export function previousUtcDay(now: Date): string {
  return addDays(now.toISOString().slice(0, 10), -1);
}

/** `date` moved by `days` (negative goes back). @example addDays('2026-03-01', -1) // '2026-02-28' */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True for a well-formed calendar date, without the "not in the future" check. */
export function isReportDate(value: string): boolean {
  return utcStart(value) !== null;
}

function utcStart(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(start).toISOString().slice(0, 10) === date ? start : null;
}
