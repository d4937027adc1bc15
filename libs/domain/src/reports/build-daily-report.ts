import type { DailyReport, DatasetReport, FreshnessReport, LatencyReport, RulePassRate } from './daily-report.js';
import { evaluateAlarms } from './report-alarms.js';
import type { ReportWindow } from './report-date.js';
import { type LatencyFacts, type ReportFacts, type RuleFacts, type ScopeFacts } from './report-facts.js';
import { volumeReport } from './volume-anomaly.js';

export interface ReportContext {
  readonly window: ReportWindow;
  readonly version: number;
  readonly generatedAt: string;
  readonly environment: string;
  /** The dead-letter queue's depth as the queue reports it now. */
  readonly deadLetterDepthNow: number;
}

/** Data older than this at report time is stale (the seed's "data stale > 1 h"). */
export const STALE_AFTER_SECONDS = 3_600;

/** Turns the aggregated facts into the report: pass rates, anomaly flags, freshness and alarm states. */
export function buildDailyReport(facts: ReportFacts, ctx: ReportContext): DailyReport {
  const total = facts.scopes.find((s) => s.scope === null);
  if (!total) throw new TypeError('report facts lack the all-datasets scope');
  const datasets = facts.scopes
    .filter((s): s is ScopeFacts & { scope: string } => s.scope !== null)
    .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
  return {
    schemaVersion: 1,
    date: ctx.window.date,
    window: { from: ctx.window.from, to: ctx.window.to },
    version: ctx.version,
    generatedAt: ctx.generatedAt,
    environment: ctx.environment,
    total: datasetReport(total, ctx.generatedAt),
    datasets: datasets.map((d) => datasetReport(d, ctx.generatedAt)),
    alarms: evaluateAlarms(facts.hourly, ctx.window.from, ctx.generatedAt),
    deadLetters: { depthAtReportTime: ctx.deadLetterDepthNow, depthByHour: facts.hourly.deadLetterDepth },
    recordsByHour: total.recordsByHour,
  };
}

function datasetReport(s: ScopeFacts, generatedAt: string): DatasetReport {
  return {
    dataset: s.scope,
    ingestions: s.ingestions,
    records: s.records,
    recordsByHour: s.recordsByHour,
    quarantineReasons: s.quarantineReasons,
    rules: s.rules.map(passRate),
    volume: volumeReport(s.dailyVolume),
    latency: latencyReport(s.latency),
    freshness: freshness(s.lastRecordAt, generatedAt),
    largestInputs: s.largestInputs,
  };
}

function passRate(r: RuleFacts): RulePassRate {
  const runs = r.passed + r.failed;
  return { ...r, passRate: runs > 0 ? Math.round((r.passed / runs) * 1e6) / 1e6 : null };
}

function latencyReport(l: LatencyFacts): LatencyReport {
  const { histogram, ...rest } = l;
  return { ...rest, histogram: LATENCY_BUCKET_LABELS.map((label, i) => ({ label, count: histogram[i] ?? 0 })) };
}

function freshness(lastRecordAt: string | null, generatedAt: string): FreshnessReport {
  if (lastRecordAt === null) return { lastRecordAt, ageSeconds: null, stale: true };
  const ageSeconds = Math.max(0, Math.round((Date.parse(generatedAt) - Date.parse(lastRecordAt)) / 1000));
  return { lastRecordAt, ageSeconds, stale: ageSeconds > STALE_AFTER_SECONDS };
}

/** One label per latency bucket: LATENCY_BUCKETS_MS's bounds plus the open last bucket. */
export const LATENCY_BUCKET_LABELS: readonly string[] = ['< 1 s', '1–5 s', '5–10 s', '10–30 s', '30–60 s', '1–5 min', '≥ 5 min'];
