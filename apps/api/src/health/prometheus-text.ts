import type { PipelineHealth } from '@pipeline/application/health/get-pipeline-health/get-pipeline-health.query.js';

export interface PrometheusSample {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter' | 'histogram';
  /** `suffix` names a histogram's series: `_bucket`, `_sum`, `_count`. */
  readonly values: readonly { readonly suffix?: string; readonly labels?: Readonly<Record<string, string>>; readonly value: number }[];
}

/** Prometheus text exposition format 0.0.4. */
export function prometheusText(samples: readonly PrometheusSample[]): string {
  const lines: string[] = [];
  for (const s of samples) {
    lines.push(`# HELP ${s.name} ${s.help}`, `# TYPE ${s.name} ${s.type}`);
    for (const v of s.values) lines.push(`${s.name}${v.suffix ?? ''}${labelText(v.labels)} ${Number.isFinite(v.value) ? v.value : 'NaN'}`);
  }
  return lines.join('\n') + '\n';
}

function labelText(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

/** The pipeline's health as gauges: what the seed's CloudWatch alarms watch, for a local Prometheus. */
export function healthSamples(h: PipelineHealth): PrometheusSample[] {
  const gauge = (name: string, help: string, value: number | null): PrometheusSample => ({
    name,
    help,
    type: 'gauge',
    values: [{ value: value ?? Number.NaN }],
  });
  return [
    {
      name: 'pipeline_queue_messages',
      help: 'Messages on the work queue.',
      type: 'gauge',
      values: [
        { labels: { state: 'visible' }, value: h.queueDepth.visible },
        { labels: { state: 'in_flight' }, value: h.queueDepth.inFlight },
      ],
    },
    gauge('pipeline_dead_letter_messages', 'Messages in the dead-letter queue.', h.deadLetterDepth),
    gauge('pipeline_ingestions_finished_last_hour', 'Ingestions that finished in the last hour.', h.lastHour.finished),
    gauge('pipeline_ingestion_errors_last_hour', 'Ingestions rejected, dead-lettered or failed in the last hour.', h.lastHour.errors),
    gauge('pipeline_error_rate_last_hour', 'errors / finished over the last hour.', h.lastHour.errorRate),
    gauge(
      'pipeline_processing_p99_seconds',
      'p99 processing time of ingestions completed in the last hour.',
      h.lastHour.p99LatencyMs === null ? null : h.lastHour.p99LatencyMs / 1000,
    ),
    {
      name: 'pipeline_data_age_seconds',
      help: 'Age of the newest processed record per dataset.',
      type: 'gauge',
      values: h.freshness
        .filter((f) => f.ageSeconds !== null)
        .map((f) => ({ labels: { dataset: f.dataset }, value: f.ageSeconds as number })),
    },
    {
      name: 'pipeline_alarm',
      help: 'Seed alarms: 1 = ALARM, 0 = OK.',
      type: 'gauge',
      values: h.alarms.map((a) => ({ labels: { alarm: a.name }, value: a.state === 'ALARM' ? 1 : 0 })),
    },
  ];
}
