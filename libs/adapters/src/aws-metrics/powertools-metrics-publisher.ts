import { Metrics, MetricUnit as PowertoolsUnit } from '@aws-lambda-powertools/metrics';
import { MetricsPublisher, type MetricUnit } from '@pipeline/domain/ports/metrics-publisher.js';

/** CloudWatch namespace of every pipeline metric (alarms and the dashboard name it). */
export const METRICS_NAMESPACE = 'DataPipeline';

const UNITS: Readonly<Record<MetricUnit, (typeof PowertoolsUnit)[keyof typeof PowertoolsUnit]>> = {
  Count: PowertoolsUnit.Count,
  Milliseconds: PowertoolsUnit.Milliseconds,
  Seconds: PowertoolsUnit.Seconds,
  Bytes: PowertoolsUnit.Bytes,
};

/**
 * MetricsPublisher as CloudWatch Embedded Metric Format through Powertools: metrics are buffered
 * and written as one EMF JSON line on stdout by `flush()` (the handler flushes at the end of each
 * invocation), which CloudWatch Logs turns into metrics — no API calls, no extra latency. Every
 * metric carries the `Environment` dimension; a call with extra dimensions is written at once
 * as its own EMF line, because one EMF document has one set of dimensions.
 */
export class PowertoolsMetricsPublisher extends MetricsPublisher {
  private readonly metrics: Metrics;
  private buffered = 0;

  constructor(options: { environment: string; serviceName: string }) {
    super();
    this.metrics = new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName: options.serviceName,
      defaultDimensions: { Environment: options.environment },
    });
  }

  record(name: string, value: number, unit: MetricUnit, dimensions?: Readonly<Record<string, string>>): void {
    if (!dimensions || Object.keys(dimensions).length === 0) {
      this.metrics.addMetric(name, UNITS[unit], value);
      this.buffered++;
      return;
    }
    const single = this.metrics.singleMetric();
    single.addDimensions({ ...dimensions });
    single.addMetric(name, UNITS[unit], value);
  }

  async flush(): Promise<void> {
    // Publishing an empty buffer only makes Powertools log a warning.
    if (this.buffered === 0) return;
    this.buffered = 0;
    this.metrics.publishStoredMetrics();
  }
}
