import { addDays } from '@pipeline/domain/reports/report-date.js';

/**
 * The first `HH:MM` UTC strictly after `now`.
 * @example nextDailyRun(new Date('2026-11-26T08:00:00Z'), '08:00') // 2026-11-27T08:00:00Z
 */
export function nextDailyRun(now: Date, timeUtc: string): Date {
  const today = now.toISOString().slice(0, 10);
  const at = (day: string) => new Date(`${day}T${timeUtc}:00.000Z`);
  const candidate = at(today);
  return candidate.getTime() > now.getTime() ? candidate : at(addDays(today, 1));
}

/** True once today's run time has passed: a report for yesterday is then due. */
export function runTimePassedToday(now: Date, timeUtc: string): boolean {
  return new Date(`${now.toISOString().slice(0, 10)}T${timeUtc}:00.000Z`).getTime() <= now.getTime();
}
