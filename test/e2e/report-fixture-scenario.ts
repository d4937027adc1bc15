/**
 * Fixture ingestions for the report tests: explicit timelines (every timestamp chosen here), so
 * the expected numbers can be computed from this file alone (report-expected-metrics.ts).
 */
import type { RuleResult } from '@pipeline/domain/events/ingestion-events.js';

export type Step =
  | { readonly kind: 'started'; readonly at: string }
  | { readonly kind: 'failed'; readonly at: string }
  | { readonly kind: 'dead_lettered'; readonly at: string }
  | { readonly kind: 'replay'; readonly at: string }
  | { readonly kind: 'completed'; readonly at: string; readonly outcome: Outcome }
  | { readonly kind: 'rejected'; readonly at: string; readonly outcome: Outcome | null };

export interface Outcome {
  readonly valid: number;
  readonly warned: number;
  readonly quarantined: number;
  readonly duplicates: number;
  readonly rules: readonly RuleResult[];
}

export interface FixtureIngestion {
  readonly id: string;
  readonly dataset: string;
  readonly bytes: number;
  readonly receivedAt: string;
  readonly steps: readonly Step[];
}

export const XSS_VALUE = '<script>alert(1)</script>';

const RULES: Readonly<Record<string, readonly { rule: string; column?: string; action: RuleResult['action'] }[]>> = {
  alpha: [
    { rule: 'IsComplete', column: 'id', action: 'quarantine' },
    { rule: 'ColumnValuesInSet', column: 'status', action: 'quarantine' },
    { rule: 'ColumnLength', column: 'code', action: 'warn' },
  ],
  beta: [
    { rule: 'ColumnValuesMatch', column: 'email', action: 'quarantine' },
    { rule: 'ColumnDataType', column: 'amount', action: 'quarantine' },
    { rule: 'RowCount', action: 'halt' },
  ],
  gamma: [{ rule: 'IsUnique', column: 'key', action: 'quarantine' }],
};

/** mulberry32, so the scenario is the same on every run. */
class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function outcome(r: Random, dataset: string, recordsIn: number, serial: number): Outcome {
  const quarantined = r.int(0, Math.min(8, recordsIn));
  const warned = r.int(0, Math.min(3, recordsIn - quarantined));
  const duplicates = r.int(0, Math.min(2, recordsIn - quarantined - warned));
  const rules = RULES[dataset].map((spec) => {
    const failed = spec.action === 'halt' ? 0 : r.int(0, 4);
    // Fixed-format messages (zero-padded numbers) sort the same under any collation.
    const value = spec.rule === 'ColumnValuesInSet' && serial % 5 === 0 ? XSS_VALUE : `v${String(serial).padStart(4, '0')}`;
    const samples = Array.from({ length: Math.min(failed, 5) }, (_, i) => ({
      row: i + 1,
      message: `row ${String(i + 1).padStart(3, '0')}: "${value}" failed ${spec.rule}`,
    }));
    return {
      rule: spec.rule,
      ...(spec.column ? { column: spec.column } : {}),
      action: spec.action,
      passed: recordsIn - failed,
      failed,
      samples,
    };
  });
  return { valid: recordsIn - quarantined - warned - duplicates, warned, quarantined, duplicates, rules };
}

type Shape = 'ok' | 'retry' | 'rejected' | 'rejected-early' | 'dlq' | 'dlq-replayed' | 'stuck';
const SHAPES: readonly Shape[] = ['ok', 'ok', 'ok', 'retry', 'rejected', 'rejected-early', 'dlq', 'dlq-replayed', 'stuck'];

function timeline(r: Random, shape: Shape, start: number, make: () => Outcome): Step[] {
  let t = start;
  const next = (maxSeconds: number) => (t += r.int(1, maxSeconds) * 1000 + r.int(0, 999));
  const attempt = (kind: 'completed' | 'failed'): Step[] => {
    const started: Step = { kind: 'started', at: iso(next(120)) };
    return [started, kind === 'completed' ? { kind, at: iso(next(60)), outcome: make() } : { kind, at: iso(next(60)) }];
  };
  switch (shape) {
    case 'ok':
      return attempt('completed');
    case 'retry':
      return [...attempt('failed'), ...attempt('completed')];
    case 'rejected':
      return [
        { kind: 'started', at: iso(next(60)) },
        { kind: 'rejected', at: iso(next(40)), outcome: make() },
      ];
    case 'rejected-early':
      return [{ kind: 'rejected', at: iso(next(5)), outcome: null }];
    case 'dlq':
      return [...attempt('failed'), ...attempt('failed'), ...attempt('failed'), { kind: 'dead_lettered', at: iso(next(10)) }];
    case 'dlq-replayed':
      return [
        ...attempt('failed'),
        ...attempt('failed'),
        ...attempt('failed'),
        { kind: 'dead_lettered', at: iso(next(10)) },
        { kind: 'replay', at: iso(next(7200)) },
        ...attempt('completed'),
      ];
    case 'stuck':
      return [{ kind: 'started', at: iso(next(60)) }];
  }
}

/** Random ingestions over [from, until), received at random times; some timelines cross midnight. */
export function randomIngestions(seed: number, count: number, from: string, until: string): FixtureIngestion[] {
  const r = new Random(seed);
  const start = Date.parse(from);
  const span = Date.parse(until) - start;
  return Array.from({ length: count }, (_, i) => {
    const dataset = r.pick(['alpha', 'beta', 'gamma']);
    const receivedAt = start + Math.floor(r.next() * span);
    const recordsIn = r.int(1, 60);
    const steps = timeline(r, r.pick(SHAPES), receivedAt, () => outcome(r, dataset, recordsIn, i));
    return {
      id: `fx-${seed}-${String(i).padStart(4, '0')}`,
      dataset,
      bytes: 1000 + i * 37 + r.int(0, 30),
      receivedAt: iso(receivedAt),
      steps,
    };
  });
}

/** Ingestions pinned to the edges of `date` (UTC): exactly midnight, the last millisecond, across midnight. */
export function boundaryIngestions(date: string): FixtureIngestion[] {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  const next = midnight + 86_400_000;
  const r = new Random(7);
  const make = (dataset: string, serial: number) => outcome(r, dataset, 10, serial);
  const completedAt = (id: string, dataset: string, startMs: number, endMs: number, bytes: number): FixtureIngestion => ({
    id,
    dataset,
    bytes,
    receivedAt: iso(startMs - 1000),
    steps: [
      { kind: 'started', at: iso(startMs) },
      { kind: 'completed', at: iso(endMs), outcome: make(dataset, bytes) },
    ],
  });
  return [
    completedAt('edge-first-ms', 'alpha', midnight, midnight + 2_000, 90_001),
    completedAt('edge-last-ms', 'alpha', next - 1, next + 500, 90_002),
    completedAt('edge-before-midnight', 'beta', midnight - 1, midnight + 45_000, 90_003),
    completedAt('edge-next-day', 'beta', next, next + 1_000, 90_004),
  ];
}

/** A day on which every input was rejected (a broken upstream). */
export function rejectionDay(date: string): FixtureIngestion[] {
  const r = new Random(11);
  return Array.from({ length: 4 }, (_, i) => {
    const at = Date.parse(`${date}T0${i + 1}:15:00.000Z`);
    const dataset = i % 2 ? 'alpha' : 'beta';
    return {
      id: `rej-${date}-${i}`,
      dataset,
      bytes: 5000 + i,
      receivedAt: iso(at),
      steps: [
        { kind: 'started', at: iso(at + 1000) },
        { kind: 'rejected', at: iso(at + 3000 + i * 10_000), outcome: outcome(r, dataset, 20 + i, 500 + i) },
      ],
    };
  });
}
