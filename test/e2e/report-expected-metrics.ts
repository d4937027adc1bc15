/**
 * The report's facts computed independently, in plain JavaScript over the fixture timelines
 * (report-fixture-scenario.ts): no SQL, no read models. The report tests compare what the SQL
 * aggregation produced with this.
 */
import { addDays } from '@pipeline/domain/reports/report-date.js';
import {
  LATENCY_BUCKETS_MS,
  type HourlyFacts,
  type InputFacts,
  type ReportFacts,
  type RuleFacts,
  type ScopeFacts,
} from '@pipeline/domain/reports/report-facts.js';
import type { FixtureIngestion, Outcome, Step } from './report-fixture-scenario.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Finished {
  readonly f: FixtureIngestion;
  readonly status: 'completed' | 'rejected';
  /** When its records were ingested: the last start, or the rejection when it never started. */
  readonly ingestedAt: number;
  readonly outcome: Outcome | null;
}

interface Activity {
  readonly dataset: string;
  readonly id: string;
  readonly kind: Step['kind'] | 'received';
  readonly at: number;
  readonly durationMs: number | null;
  readonly dlqDelta: number;
}

const t = (iso: string) => Date.parse(iso);
const recordsIn = (o: Outcome | null) => (o ? o.valid + o.warned + o.quarantined + o.duplicates : 0);

function activities(f: FixtureIngestion): Activity[] {
  const out: Activity[] = [{ dataset: f.dataset, id: f.id, kind: 'received', at: t(f.receivedAt), durationMs: null, dlqDelta: 0 }];
  let lastStart: number | null = null;
  let dead = false;
  for (const s of f.steps) {
    const at = t(s.at);
    const since = lastStart === null ? null : at - lastStart;
    if (s.kind === 'started') lastStart = at;
    const durationMs = s.kind === 'completed' || s.kind === 'rejected' || s.kind === 'failed' ? since : null;
    const dlqDelta = s.kind === 'dead_lettered' ? 1 : s.kind === 'replay' && dead ? -1 : 0;
    if (s.kind === 'dead_lettered') dead = true;
    if (s.kind === 'replay') dead = false;
    out.push({ dataset: f.dataset, id: f.id, kind: s.kind, at, durationMs, dlqDelta });
  }
  return out;
}

function finished(f: FixtureIngestion): Finished | null {
  const last = f.steps[f.steps.length - 1];
  if (last.kind !== 'completed' && last.kind !== 'rejected') return null;
  const starts = f.steps.filter((s) => s.kind === 'started');
  const ingestedAt = starts.length ? t(starts[starts.length - 1].at) : t(last.at);
  return { f, status: last.kind, ingestedAt, outcome: last.outcome };
}

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
const hourOf = (ms: number, from: number) => Math.floor((ms - from) / HOUR);
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function expectedFacts(fixtures: readonly FixtureIngestion[], date: string, reportTime: string): ReportFacts {
  const from = t(`${date}T00:00:00.000Z`);
  const to = from + DAY;
  const weekFrom = from - 7 * DAY;
  const inDay = (ms: number) => ms >= from && ms < to;
  const acts = fixtures.flatMap(activities);
  const done = fixtures.map(finished).filter((x): x is Finished => x !== null);
  const dayActs = acts.filter((a) => inDay(a.at));
  const dayDone = done.filter((d) => inDay(d.ingestedAt));
  const weekDone = done.filter((d) => d.ingestedAt >= weekFrom && d.ingestedAt < to);
  const datasets = [...new Set([...dayActs.map((a) => a.dataset), ...weekDone.map((d) => d.f.dataset)])].sort(byName);
  const stored = done.filter(
    (d) => d.status === 'completed' && d.outcome && d.outcome.valid + d.outcome.warned > 0 && d.ingestedAt <= t(reportTime),
  );
  const newest = (ds: string) => {
    const times = stored.filter((d) => d.f.dataset === ds).map((d) => d.ingestedAt);
    return times.length ? new Date(Math.max(...times)).toISOString() : null;
  };

  const scope = (name: string | null): ScopeFacts => {
    const mine = <T extends { dataset?: string; f?: FixtureIngestion }>(xs: readonly T[]) =>
      name === null ? xs : xs.filter((x) => (x.dataset ?? x.f!.dataset) === name);
    const a = mine(dayActs);
    const d = mine(dayDone);
    const completed = d.filter((x) => x.status === 'completed');
    const sum = (xs: readonly Finished[], pick: (o: Outcome) => number) => xs.reduce((s, x) => s + (x.outcome ? pick(x.outcome) : 0), 0);
    const distinct = (kind: string) => new Set(a.filter((x) => x.kind === kind).map((x) => x.id)).size;
    const durations = a.filter((x) => (x.kind === 'completed' || x.kind === 'rejected') && x.durationMs !== null).map((x) => x.durationMs!);
    const bounds = [0, ...LATENCY_BUCKETS_MS, Infinity];
    const lastRecordAt =
      name === null
        ? datasets.map(newest).reduce<string | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null)
        : newest(name);
    return {
      scope: name,
      ingestions: {
        started: distinct('started'),
        attempts: a.filter((x) => x.kind === 'started').length,
        completed: distinct('completed'),
        rejected: distinct('rejected'),
        deadLettered: distinct('dead_lettered'),
        failedAttempts: a.filter((x) => x.kind === 'failed').length,
      },
      records: {
        in: d.reduce((s, x) => s + recordsIn(x.outcome), 0),
        valid: sum(completed, (o) => o.valid),
        warned: sum(completed, (o) => o.warned),
        quarantined: sum(completed, (o) => o.quarantined),
        duplicates: sum(completed, (o) => o.duplicates),
        rejected: d.filter((x) => x.status === 'rejected').reduce((s, x) => s + recordsIn(x.outcome), 0),
        stored: sum(completed, (o) => o.valid + o.warned),
      },
      recordsByHour: {
        valid: Array.from({ length: 24 }, (_, h) =>
          sum(
            completed.filter((x) => hourOf(x.ingestedAt, from) === h),
            (o) => o.valid + o.warned,
          ),
        ),
        quarantined: Array.from({ length: 24 }, (_, h) =>
          sum(
            completed.filter((x) => hourOf(x.ingestedAt, from) === h),
            (o) => o.quarantined,
          ),
        ),
      },
      rules: name === null ? [] : ruleFacts(d),
      quarantineReasons: quarantineReasons(d),
      dailyVolume: Array.from({ length: 8 }, (_, i) => {
        const day = addDays(date, i - 7);
        const start = t(`${day}T00:00:00.000Z`);
        return {
          date: day,
          records: mine(weekDone)
            .filter((x) => x.ingestedAt >= start && x.ingestedAt < start + DAY)
            .reduce((s, x) => s + recordsIn(x.outcome), 0),
        };
      }),
      latency: {
        count: durations.length,
        p50Ms: round(percentileCont(durations, 0.5)),
        p95Ms: round(percentileCont(durations, 0.95)),
        p99Ms: round(percentileCont(durations, 0.99)),
        maxMs: durations.length ? Math.max(...durations) : null,
        histogram: bounds.slice(0, -1).map((lo, i) => durations.filter((v) => v >= lo && v < bounds[i + 1]).length),
      },
      lastRecordAt,
      largestInputs: largest(d),
    };
  };
  return { scopes: [scope(null), ...datasets.map(scope)], hourly: hourly(acts, from, t(reportTime)) };
}

function ruleFacts(d: readonly Finished[]): RuleFacts[] {
  const map = new Map<string, RuleFacts & { passed: number; failed: number }>();
  for (const x of d) {
    for (const r of x.outcome?.rules ?? []) {
      const key = `${r.rule}\u0000${r.column ?? ''}\u0000${r.action}`;
      const cur = map.get(key) ?? { rule: r.rule, column: r.column ?? null, action: r.action, passed: 0, failed: 0 };
      map.set(key, { ...cur, passed: cur.passed + r.passed, failed: cur.failed + r.failed });
    }
  }
  return [...map.values()].sort((a, b) => byName(a.rule, b.rule) || byName(a.column ?? '', b.column ?? '') || byName(a.action, b.action));
}

function quarantineReasons(d: readonly Finished[]) {
  const map = new Map<string, { dataset: string; rule: string; column: string | null; count: number; example: string | null }>();
  for (const x of d) {
    for (const r of x.outcome?.rules ?? []) {
      if (r.action !== 'quarantine' || r.failed === 0) continue;
      const key = `${x.f.dataset}\u0000${r.rule}\u0000${r.column ?? ''}`;
      const cur = map.get(key) ?? { dataset: x.f.dataset, rule: r.rule, column: r.column ?? null, count: 0, example: null };
      map.set(key, { ...cur, count: cur.count + r.failed, example: smaller(cur.example, r.samples[0]?.message ?? null) });
    }
  }
  return [...map.values()]
    .sort((a, b) => b.count - a.count || byName(a.dataset, b.dataset) || byName(a.rule, b.rule) || byName(a.column ?? '', b.column ?? ''))
    .slice(0, 10);
}

/** min() as SQL computes it: nulls ignored. */
const smaller = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a <= b ? a : b);

function largest(d: readonly Finished[]): InputFacts[] {
  return [...d]
    .sort((a, b) => b.f.bytes - a.f.bytes || recordsIn(b.outcome) - recordsIn(a.outcome) || byName(a.f.id, b.f.id))
    .slice(0, 5)
    .map((x) => ({
      ingestionId: x.f.id,
      dataset: x.f.dataset,
      sourceKey: `raw/${x.f.dataset}/${x.f.id}.csv`,
      bytes: x.f.bytes,
      records: recordsIn(x.outcome),
      status: x.status,
    }));
}

function hourly(acts: readonly Activity[], from: number, reportTime: number): HourlyFacts {
  const hours = Array.from({ length: 24 }, (_, h) => ({ start: from + h * HOUR, end: Math.min(from + (h + 1) * HOUR, reportTime) }));
  const within = (h: { start: number; end: number }, kinds: string[]) =>
    acts.filter((a) => kinds.includes(a.kind) && a.at >= h.start && a.at < h.end);
  return {
    attempts: hours.map((h) => within(h, ['started']).length),
    errors: hours.map((h) => within(h, ['failed', 'rejected']).length),
    p99Ms: hours.map((h) =>
      round(
        percentileCont(
          within(h, ['completed', 'rejected'])
            .filter((a) => a.durationMs !== null)
            .map((a) => a.durationMs!),
          0.99,
        ),
      ),
    ),
    deadLetterDepth: hours.map((h) =>
      Math.max(
        0,
        acts.filter((a) => a.at < h.end).reduce((s, a) => s + a.dlqDelta, 0),
      ),
    ),
    newestCompletion: hours.map((h) => {
      const times = acts.filter((a) => a.kind === 'completed' && a.at < h.end).map((a) => a.at);
      return times.length ? new Date(Math.max(...times)).toISOString() : null;
    }),
  };
}
