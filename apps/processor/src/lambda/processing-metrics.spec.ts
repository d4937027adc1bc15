import { MetricsPublisher, type MetricUnit } from '@pipeline/domain/ports/metrics-publisher.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { ProcessingMetrics } from './processing-metrics.js';

class RecordingPublisher extends MetricsPublisher {
  readonly records: [string, number, MetricUnit][] = [];
  record(name: string, value: number, unit: MetricUnit): void {
    this.records.push([name, value, unit]);
  }
  async flush(): Promise<void> {}
}

const view = (overrides: Partial<IngestionView>): IngestionView => ({
  ingestionId: 'i',
  dataset: 'orders',
  status: 'completed',
  sourceKey: 'raw/orders/a.csv',
  attempts: 1,
  counts: { recordsIn: 10, valid: 7, warned: 1, quarantined: 2, duplicates: 0 },
  sinks: [],
  ruleResults: [],
  rejection: null,
  lastError: null,
  contractVersion: 1,
  receivedAt: '2026-11-26T10:00:00.000Z',
  startedAt: '2026-11-26T10:00:01.000Z',
  finishedAt: '2026-11-26T10:00:03.500Z',
  durationMs: 2500,
  lastEventVersion: 5,
  ...overrides,
});

describe('ProcessingMetrics', () => {
  const now = () => new Date('2026-11-26T10:00:04.000Z');

  it('records counts, latency and freshness (from the object creation) for a completed ingestion', () => {
    const publisher = new RecordingPublisher();
    new ProcessingMetrics(publisher, now).finished(view({}), '2026-11-26T09:59:59.000Z');
    expect(publisher.records).toEqual([
      ['RecordsIn', 10, 'Count'],
      ['RecordsValid', 7, 'Count'],
      ['RecordsWarned', 1, 'Count'],
      ['RecordsQuarantined', 2, 'Count'],
      ['RecordsDuplicate', 0, 'Count'],
      ['IngestionsCompleted', 1, 'Count'],
      ['ProcessingLatency', 2500, 'Milliseconds'],
      ['DataFreshness', 5, 'Seconds'],
    ]);
  });

  it('counts a rejection without freshness, and failures with dead-lettering', () => {
    const publisher = new RecordingPublisher();
    const metrics = new ProcessingMetrics(publisher, now);
    metrics.finished(view({ status: 'rejected', counts: null, durationMs: null }));
    metrics.failed(false);
    metrics.failed(true);
    expect(publisher.records).toEqual([
      ['IngestionsRejected', 1, 'Count'],
      ['IngestionsFailed', 1, 'Count'],
      ['IngestionsFailed', 1, 'Count'],
      ['IngestionsDeadLettered', 1, 'Count'],
    ]);
  });
});
