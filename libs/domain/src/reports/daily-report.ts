import type { IngestionCountFacts, InputFacts, QuarantineReasonFacts, RecordCountFacts } from './report-facts.js';

/** The daily report: `reports/<date>/daily_report.json` holds exactly this, and the HTML shows the same numbers. */
export interface DailyReport {
  readonly schemaVersion: 1;
  readonly date: string;
  /** The UTC day covered, half-open. */
  readonly window: { readonly from: string; readonly to: string };
  /** Which generation of this day's report (regenerating a day increments it). */
  readonly version: number;
  readonly generatedAt: string;
  readonly environment: string;
  readonly total: DatasetReport;
  /** One section per dataset with activity in the day or the seven days before, by name. */
  readonly datasets: readonly DatasetReport[];
  readonly alarms: readonly AlarmReport[];
  readonly deadLetters: { readonly depthAtReportTime: number; readonly depthByHour: readonly number[] };
  /** Records per hour for the charts (all datasets), 24 entries. */
  readonly recordsByHour: { readonly valid: readonly number[]; readonly quarantined: readonly number[] };
}

export interface RulePassRate {
  readonly rule: string;
  readonly column: string | null;
  readonly action: string;
  readonly passed: number;
  readonly failed: number;
  /** passed ÷ (passed + failed), null when the rule never ran. */
  readonly passRate: number | null;
}

export type VolumeAnomaly = 'NORMAL' | 'HIGH' | 'LOW' | 'NO_BASELINE';

export interface VolumeReport {
  readonly records: number;
  /** Mean records per day over the seven days before, zero days included. */
  readonly previous7DayAverage: number;
  /** (records − average) ÷ average, null without a baseline. */
  readonly change: number | null;
  readonly anomaly: VolumeAnomaly;
  readonly history: readonly { readonly date: string; readonly records: number }[];
}

export interface LatencyReport {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly histogram: readonly { readonly label: string; readonly count: number }[];
}

export interface FreshnessReport {
  readonly lastRecordAt: string | null;
  /** Seconds between the newest stored record and the report's generation. */
  readonly ageSeconds: number | null;
  readonly stale: boolean;
}

export interface DatasetReport {
  /** Dataset name; `null` for the all-datasets section. */
  readonly dataset: string | null;
  readonly ingestions: IngestionCountFacts;
  readonly records: RecordCountFacts;
  /** 24 entries each (UTC hours): stored rows and quarantined records. */
  readonly recordsByHour: { readonly valid: readonly number[]; readonly quarantined: readonly number[] };
  readonly quarantineReasons: readonly QuarantineReasonFacts[];
  readonly rules: readonly RulePassRate[];
  readonly volume: VolumeReport;
  readonly latency: LatencyReport;
  readonly freshness: FreshnessReport;
  readonly largestInputs: readonly InputFacts[];
}

export type AlarmName = 'error-rate' | 'processing-p99' | 'dlq-depth' | 'data-stale';
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmReport {
  readonly name: AlarmName;
  readonly description: string;
  /** Breached when the value is strictly greater than this. */
  readonly threshold: number;
  readonly unit: 'ratio' | 'milliseconds' | 'messages' | 'seconds';
  /** ALARM when any hour of the day breached; INSUFFICIENT_DATA when no hour had data. */
  readonly state: AlarmState;
  /** The worst hourly value of the day, or null. */
  readonly worstValue: number | null;
  /** State per UTC hour (24 entries); hours after the report's generation are INSUFFICIENT_DATA. */
  readonly hours: readonly AlarmState[];
  readonly hoursInAlarm: number;
}
