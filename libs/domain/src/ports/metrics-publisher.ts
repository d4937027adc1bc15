export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds' | 'Bytes';

/** Operational metrics: Prometheus locally, CloudWatch EMF on Lambda. */
export abstract class MetricsPublisher {
  /** @example metrics.record('RecordsIn', 1000, 'Count', { dataset: 'orders' }) */
  abstract record(name: string, value: number, unit: MetricUnit, dimensions?: Readonly<Record<string, string>>): void;
  abstract flush(): Promise<void>;
}
