import type {
  InputFacts,
  IngestionCountFacts,
  LatencyFacts,
  QuarantineReasonFacts,
  RecordCountFacts,
  RuleFacts,
  ScopeFacts,
} from '@pipeline/domain/reports/report-facts.js';

const zeros = (): number[] => Array<number>(24).fill(0);

/** Collects the query results for one scope (a dataset, or all of them) into ScopeFacts. */
export class ScopeFactsBuilder {
  ingestions: IngestionCountFacts = { started: 0, attempts: 0, completed: 0, rejected: 0, deadLettered: 0, failedAttempts: 0 };
  records: RecordCountFacts = { in: 0, valid: 0, warned: 0, quarantined: 0, duplicates: 0, rejected: 0, stored: 0 };
  readonly valid = zeros();
  readonly quarantined = zeros();
  readonly rules: RuleFacts[] = [];
  readonly quarantineReasons: QuarantineReasonFacts[] = [];
  readonly volume = new Map<string, number>();
  latency: LatencyFacts | null = null;
  lastRecordAt: string | null = null;
  readonly largestInputs: InputFacts[] = [];

  constructor(readonly scope: string | null) {}

  build(days: readonly string[], emptyHistogram: readonly number[]): ScopeFacts {
    const stored = this.valid.reduce((a, b) => a + b, 0);
    return {
      scope: this.scope,
      ingestions: this.ingestions,
      records: { ...this.records, stored },
      recordsByHour: { valid: this.valid, quarantined: this.quarantined },
      rules: this.rules,
      quarantineReasons: this.quarantineReasons,
      dailyVolume: days.map((date) => ({ date, records: this.volume.get(date) ?? 0 })),
      latency: this.latency ?? { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null, histogram: emptyHistogram },
      lastRecordAt: this.lastRecordAt,
      largestInputs: this.largestInputs,
    };
  }
}

/** The builders of every scope seen, keyed by dataset name ('' is all datasets). */
export class ScopeFactsBuilders {
  private readonly byKey = new Map<string, ScopeFactsBuilder>([['', new ScopeFactsBuilder(null)]]);

  /** The builder for a row: its dataset's, or the total's when the row is a grand-total row. */
  of(row: { dataset: string | null; is_total?: boolean }): ScopeFactsBuilder {
    return row.is_total || row.dataset === null ? this.total : this.dataset(row.dataset);
  }

  get total(): ScopeFactsBuilder {
    return this.byKey.get('')!;
  }

  dataset(name: string): ScopeFactsBuilder {
    let builder = this.byKey.get(name);
    if (!builder) this.byKey.set(name, (builder = new ScopeFactsBuilder(name)));
    return builder;
  }

  datasetNames(): string[] {
    return [...this.byKey.keys()].filter((k) => k !== '');
  }

  all(): ScopeFactsBuilder[] {
    return [...this.byKey.values()];
  }
}
