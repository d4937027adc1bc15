import type { AlarmName, AlarmReport, AlarmState } from './daily-report.js';
import type { HourlyFacts } from './report-facts.js';

interface AlarmDefinition {
  readonly name: AlarmName;
  readonly description: string;
  readonly threshold: number;
  readonly unit: AlarmReport['unit'];
  /** The hour's value, or null when the hour has no data for this alarm. */
  value(hourly: HourlyFacts, hour: number, hourEndMs: number): number | null;
}

const HOUR_MS = 3_600_000;

/** The seed's alarms, evaluated per UTC hour as CloudWatch would with a one-hour period. */
export const REPORT_ALARMS: readonly AlarmDefinition[] = [
  {
    name: 'error-rate',
    description: 'Processing attempts that failed or were rejected, as a share of attempts started',
    threshold: 0.01,
    unit: 'ratio',
    value: (h, i) => (h.attempts[i] > 0 ? h.errors[i] / h.attempts[i] : h.errors[i] > 0 ? 1 : null),
  },
  {
    name: 'processing-p99',
    description: 'p99 processing time of attempts finished in the hour',
    threshold: 30_000,
    unit: 'milliseconds',
    value: (h, i) => h.p99Ms[i],
  },
  {
    name: 'dlq-depth',
    description: 'Messages in the dead-letter queue at the end of the hour',
    threshold: 5,
    unit: 'messages',
    value: (h, i) => h.deadLetterDepth[i],
  },
  {
    name: 'data-stale',
    description: 'Time since the newest completed ingestion (any dataset) at the end of the hour',
    threshold: 3_600,
    unit: 'seconds',
    value: (h, i, end) => {
      const newest = h.newestCompletion[i];
      return newest === null ? null : Math.max(0, Math.round((end - Date.parse(newest)) / 1000));
    },
  },
];

/**
 * Each alarm's state over the day. Hours that had not begun when the report was generated have
 * no data; the hour in progress is evaluated up to the generation time.
 */
export function evaluateAlarms(hourly: HourlyFacts, dayStart: string, generatedAt: string): AlarmReport[] {
  const start = Date.parse(dayStart);
  const now = Date.parse(generatedAt);
  return REPORT_ALARMS.map((alarm) => {
    const values: (number | null)[] = [];
    const hours: AlarmState[] = [];
    for (let i = 0; i < 24; i++) {
      const hourStart = start + i * HOUR_MS;
      const value = hourStart >= now ? null : alarm.value(hourly, i, Math.min(hourStart + HOUR_MS, now));
      values.push(value);
      hours.push(value === null ? 'INSUFFICIENT_DATA' : value > alarm.threshold ? 'ALARM' : 'OK');
    }
    const measured = values.filter((v): v is number => v !== null);
    const hoursInAlarm = hours.filter((s) => s === 'ALARM').length;
    const state: AlarmState = hoursInAlarm > 0 ? 'ALARM' : measured.length > 0 ? 'OK' : 'INSUFFICIENT_DATA';
    const { name, description, threshold, unit } = alarm;
    return { name, description, threshold, unit, state, worstValue: measured.length ? Math.max(...measured) : null, hours, hoursInAlarm };
  });
}
