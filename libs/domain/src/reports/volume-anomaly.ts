import type { VolumeAnomaly, VolumeReport } from './daily-report.js';

/** Beyond ±50 % of the previous seven days' mean, the day's volume is flagged. */
export const VOLUME_ANOMALY_RATIO = 0.5;

/**
 * The day's records against the mean of the seven days before it (days without data count as 0).
 * `history` is oldest first and ends with the report day.
 * @example volumeReport([...sevenDaysOf100, { date, records: 160 }]).anomaly // 'HIGH'
 */
export function volumeReport(history: readonly { readonly date: string; readonly records: number }[]): VolumeReport {
  const today = history.length ? history[history.length - 1].records : 0;
  const previous = history.slice(0, -1);
  const average = previous.length ? previous.reduce((sum, d) => sum + d.records, 0) / previous.length : 0;
  const change = average > 0 ? (today - average) / average : null;
  return {
    records: today,
    previous7DayAverage: round(average, 2),
    change: change === null ? null : round(change, 4),
    anomaly: anomalyOf(change),
    history,
  };
}

function anomalyOf(change: number | null): VolumeAnomaly {
  if (change === null) return 'NO_BASELINE';
  if (change > VOLUME_ANOMALY_RATIO) return 'HIGH';
  if (change < -VOLUME_ANOMALY_RATIO) return 'LOW';
  return 'NORMAL';
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
