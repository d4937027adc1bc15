/** The seed's alarms, with the thresholds it names. */
export const ALARM_THRESHOLDS = {
  /** Share of ingestions in the last hour that did not complete. */
  errorRate: 0.01,
  /** Seconds. */
  p99Latency: 30,
  deadLetterDepth: 5,
  /** Seconds since the newest processed record of the stalest dataset. */
  dataStale: 3600,
} as const;

export type AlarmName = 'ErrorRate' | 'P99Latency' | 'DeadLetterDepth' | 'DataStale';

export interface AlarmState {
  readonly name: AlarmName;
  readonly state: 'OK' | 'ALARM';
  /** The measured value (null when there is nothing to measure: no data, no completed ingestions). */
  readonly value: number | null;
  readonly threshold: number;
  readonly unit: 'ratio' | 'seconds' | 'messages';
  readonly description: string;
}

export interface HealthFigures {
  readonly errorRate: number;
  readonly p99LatencySeconds: number | null;
  readonly deadLetterDepth: number;
  /** The stalest dataset that has data, if any. */
  readonly stalest: { readonly dataset: string; readonly ageSeconds: number } | null;
}

/** OK/ALARM per alarm: a value above its threshold is ALARM; an unmeasurable value is OK. */
export function evaluateAlarms(f: HealthFigures): AlarmState[] {
  const t = ALARM_THRESHOLDS;
  return [
    alarm('ErrorRate', f.errorRate, t.errorRate, 'ratio', 'ingestions in the last hour that did not complete'),
    alarm('P99Latency', f.p99LatencySeconds, t.p99Latency, 'seconds', 'p99 processing time of ingestions completed in the last hour'),
    alarm('DeadLetterDepth', f.deadLetterDepth, t.deadLetterDepth, 'messages', 'messages in the dead-letter queue'),
    alarm(
      'DataStale',
      f.stalest?.ageSeconds ?? null,
      t.dataStale,
      'seconds',
      f.stalest ? `age of the newest record of the stalest dataset (${f.stalest.dataset})` : 'no dataset has processed records yet',
    ),
  ];
}

function alarm(name: AlarmName, value: number | null, threshold: number, unit: AlarmState['unit'], description: string): AlarmState {
  return { name, state: value !== null && value > threshold ? 'ALARM' : 'OK', value, threshold, unit, description };
}
