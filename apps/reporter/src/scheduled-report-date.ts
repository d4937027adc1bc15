import { addDays } from '@pipeline/domain/reports/report-date.js';

/**
 * The day a reporter invocation reports on. An EventBridge Scheduler (or schedule rule) event
 * reports on the UTC day before its `time`, so a late or retried delivery still reports the day it
 * was scheduled for; `{"date": "YYYY-MM-DD"}` asks for a given day; anything else, the day before now.
 * @example scheduledReportDate({ source: 'aws.scheduler', time: '2026-11-26T08:00:00Z' }) // '2026-11-25'
 */
export function scheduledReportDate(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { date, time } = event as { date?: unknown; time?: unknown };
  if (typeof date === 'string') return date;
  if (typeof time === 'string' && Number.isFinite(Date.parse(time))) return addDays(new Date(time).toISOString().slice(0, 10), -1);
  return undefined;
}
