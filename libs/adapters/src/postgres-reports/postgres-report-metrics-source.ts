import { ReportMetricsSource } from '@pipeline/domain/ports/report-metrics-source.js';
import { addDays, type ReportWindow } from '@pipeline/domain/reports/report-date.js';
import { LATENCY_BUCKETS_MS, type HourlyFacts, type ReportFacts } from '@pipeline/domain/reports/report-facts.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';
import { ScopeFactsBuilders } from './scope-facts-builder.js';
import { ACTIVITY_COUNTS_SQL, type ActivityCountsRow } from './sql/activity-counts.sql.js';
import { HOURLY_ALARMS_SQL, type HourlyAlarmRow } from './sql/hourly-alarms.sql.js';
import { LARGEST_INPUTS_SQL, type LargestInputRow } from './sql/largest-inputs.sql.js';
import { latencySql, type LatencyRow } from './sql/latency.sql.js';
import {
  DAILY_VOLUME_SQL,
  QUARANTINED_BY_HOUR_SQL,
  RECORD_COUNTS_SQL,
  type BucketRow,
  type RecordCountsRow,
} from './sql/record-counts.sql.js';
import { QUARANTINE_REASONS_SQL, RULE_PASS_RATES_SQL, type QuarantineReasonRow, type RulePassRow } from './sql/rule-results.sql.js';
import { NEWEST_RECORD_SQL, STORED_BY_HOUR_SQL, type NewestRecordRow } from './sql/stored-rows.sql.js';

const LATENCY_SQL = latencySql(LATENCY_BUCKETS_MS);
const int = (v: string | number | null): number => (v === null ? 0 : Number(v));
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * The report's numbers in SQL over processed_data and the ingestions / ingestion_activity read
 * models. Only aggregates cross the wire: at most a few hundred rows, whatever the day's volume.
 */
export class PostgresReportMetricsSource extends ReportMetricsSource {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async collect(window: ReportWindow, reportTime: string): Promise<ReportFacts> {
    try {
      return await this.collectFacts(window, reportTime);
    } catch (error) {
      throw toPortError(error, `aggregating the report for ${window.date}`);
    }
  }

  private async collectFacts(window: ReportWindow, reportTime: string): Promise<ReportFacts> {
    const day = [window.from, window.to];
    const weekStart = `${addDays(window.date, -7)}T00:00:00.000Z`;
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.db.query(sql, params);
    const [activity, records, quarantined, volume, rules, reasons, latency, inputs, hourly] = await Promise.all([
      q<ActivityCountsRow>(ACTIVITY_COUNTS_SQL, day),
      q<RecordCountsRow>(RECORD_COUNTS_SQL, day),
      q<BucketRow>(QUARANTINED_BY_HOUR_SQL, day),
      q<BucketRow>(DAILY_VOLUME_SQL, [weekStart, window.to]),
      q<RulePassRow>(RULE_PASS_RATES_SQL, day),
      q<QuarantineReasonRow>(QUARANTINE_REASONS_SQL, day),
      q<LatencyRow>(LATENCY_SQL, day),
      q<LargestInputRow>(LARGEST_INPUTS_SQL, day),
      q<HourlyAlarmRow>(HOURLY_ALARMS_SQL, [...day, reportTime]),
    ]);
    const scopes = new ScopeFactsBuilders();
    for (const r of activity) scopes.of(r).ingestions = activityCounts(r);
    for (const r of records) scopes.of(r).records = recordCounts(r);
    for (const r of quarantined) scopes.of(r).quarantined[r.hour!] = int(r.count);
    for (const r of volume) scopes.of(r).volume.set(r.day!, int(r.count));
    for (const r of rules) scopes.dataset(r.dataset).rules.push(ruleFacts(r));
    for (const r of reasons) addReason(scopes, r);
    for (const r of latency) scopes.of(r).latency = latencyFacts(r);
    for (const r of inputs) addInput(scopes, r);
    const datasets = scopes.datasetNames();
    const [stored, newest] = await Promise.all([
      q<BucketRow>(STORED_BY_HOUR_SQL, [...day, datasets]),
      q<NewestRecordRow>(NEWEST_RECORD_SQL, [datasets, reportTime]),
    ]);
    for (const r of stored) scopes.of(r).valid[r.hour!] = int(r.count);
    for (const r of newest) scopes.dataset(r.dataset).lastRecordAt = iso(r.newest);
    scopes.total.lastRecordAt = newest
      .map((r) => iso(r.newest))
      .reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
    const days = Array.from({ length: 8 }, (_, i) => addDays(window.date, i - 7));
    const emptyHistogram = Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    return { scopes: scopes.all().map((s) => s.build(days, emptyHistogram)), hourly: hourlyFacts(hourly) };
  }
}

function activityCounts(r: ActivityCountsRow) {
  return {
    started: int(r.started),
    attempts: int(r.attempts),
    completed: int(r.completed),
    rejected: int(r.rejected),
    deadLettered: int(r.dead_lettered),
    failedAttempts: int(r.failed_attempts),
  };
}

function recordCounts(r: RecordCountsRow) {
  const { records_in, valid, warned, quarantined, duplicates, rejected } = r;
  return {
    in: int(records_in),
    valid: int(valid),
    warned: int(warned),
    quarantined: int(quarantined),
    duplicates: int(duplicates),
    rejected: int(rejected),
    stored: 0,
  };
}

function ruleFacts(r: RulePassRow) {
  return { rule: r.rule, column: r.column_name, action: r.action, passed: int(r.passed), failed: int(r.failed) };
}

function addReason(scopes: ScopeFactsBuilders, r: QuarantineReasonRow): void {
  const reason = { dataset: r.dataset, rule: r.rule, column: r.column_name, count: int(r.count), example: r.example };
  if (r.top_in_dataset) scopes.dataset(r.dataset).quarantineReasons.push(reason);
  if (r.top_overall) scopes.total.quarantineReasons.push(reason);
}

function latencyFacts(r: LatencyRow) {
  const ms = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return {
    count: int(r.count),
    p50Ms: ms(r.p50),
    p95Ms: ms(r.p95),
    p99Ms: ms(r.p99),
    maxMs: r.max === null ? null : int(r.max),
    histogram: r.histogram.map(int),
  };
}

function addInput(scopes: ScopeFactsBuilders, r: LargestInputRow): void {
  const input = {
    ingestionId: r.ingestion_id,
    dataset: r.dataset,
    sourceKey: r.source_key,
    bytes: r.bytes === null ? null : int(r.bytes),
    records: int(r.records),
    status: r.status,
  };
  if (r.top_in_dataset) scopes.dataset(r.dataset).largestInputs.push(input);
  if (r.top_overall) scopes.total.largestInputs.push(input);
}

function hourlyFacts(rows: readonly HourlyAlarmRow[]): HourlyFacts {
  const at = (h: number) => rows.find((r) => r.hour === h);
  const hours = Array.from({ length: 24 }, (_, h) => at(h));
  return {
    attempts: hours.map((r) => int(r?.attempts ?? 0)),
    errors: hours.map((r) => int(r?.errors ?? 0)),
    p99Ms: hours.map((r) => (r?.p99 === null || r?.p99 === undefined ? null : Math.round(Number(r.p99)))),
    deadLetterDepth: hours.map((r) => Math.max(0, int(r?.dead_letter_depth ?? 0))),
    newestCompletion: hours.map((r) => iso(r?.newest_completion ?? null)),
  };
}
