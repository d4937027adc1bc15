import { MetricsPublisher } from '@pipeline/domain/ports/metrics-publisher.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';

/**
 * The processor's CloudWatch metrics (namespace DataPipeline, dimension Environment): the names
 * the alarms and the dashboard use.
 */
export const PROCESSOR_METRICS = {
  recordsIn: 'RecordsIn',
  recordsValid: 'RecordsValid',
  recordsWarned: 'RecordsWarned',
  recordsQuarantined: 'RecordsQuarantined',
  recordsDuplicate: 'RecordsDuplicate',
  completed: 'IngestionsCompleted',
  rejected: 'IngestionsRejected',
  failed: 'IngestionsFailed',
  deadLettered: 'IngestionsDeadLettered',
  /** IngestionStarted → finished, milliseconds (the p99 > 30 s alarm). */
  latency: 'ProcessingLatency',
  /** Seconds from the object's creation (or the ingestion's registration) to its rows being stored (the staleness alarm). */
  freshness: 'DataFreshness',
} as const;

export class ProcessingMetrics {
  constructor(
    private readonly publisher: MetricsPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** An ingestion this invocation completed or rejected. */
  finished(view: IngestionView, createdAt?: string): void {
    const m = PROCESSOR_METRICS;
    const c = view.counts;
    if (c) {
      this.publisher.record(m.recordsIn, c.recordsIn, 'Count');
      this.publisher.record(m.recordsValid, c.valid, 'Count');
      this.publisher.record(m.recordsWarned, c.warned, 'Count');
      this.publisher.record(m.recordsQuarantined, c.quarantined, 'Count');
      this.publisher.record(m.recordsDuplicate, c.duplicates, 'Count');
    }
    this.publisher.record(view.status === 'completed' ? m.completed : m.rejected, 1, 'Count');
    if (view.durationMs !== null) this.publisher.record(m.latency, view.durationMs, 'Milliseconds');
    if (view.status === 'completed') {
      const since = Date.parse(createdAt ?? view.receivedAt);
      if (Number.isFinite(since)) this.publisher.record(m.freshness, Math.max(0, (this.now().getTime() - since) / 1000), 'Seconds');
    }
  }

  /** A transient failure; `deadLettered` on the last receive. */
  failed(deadLettered: boolean): void {
    this.publisher.record(PROCESSOR_METRICS.failed, 1, 'Count');
    if (deadLettered) this.publisher.record(PROCESSOR_METRICS.deadLettered, 1, 'Count');
  }

  flush(): Promise<void> {
    return this.publisher.flush();
  }
}
