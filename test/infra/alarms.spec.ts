import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { awsProviders } from '@pipeline/adapters/aws-providers.js';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { MetricsPublisher } from '@pipeline/domain/ports/metrics-publisher.js';
import { loadTerraform, nested, repoRoot, type Block, type TerraformConfig } from './terraform-model.js';

/** The seed's alarms, in the unit each metric is published in. */
const SEED_ALARMS = {
  lambda_error_rate: { threshold: 1, what: 'Lambda error rate > 1 %' },
  processing_p99: { threshold: 30, what: 'processing p99 > 30 s' },
  dlq_depth: { threshold: 5, what: 'DLQ depth > 5' },
  rds_cpu: { threshold: 80, what: 'RDS CPU > 80 %' },
  data_stale: { threshold: 3600, what: 'data stale > 1 h' },
} as const;

/** Threshold in seconds for time metrics (published in ms or s), as is for the rest. */
function normalisedThreshold(alarm: Block): number {
  const threshold = Number(alarm.threshold);
  return alarm.unit === 'Milliseconds' ? threshold / 1000 : threshold;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('infra/terraform: alarms', () => {
  let config: TerraformConfig;
  let alarms: Record<string, Block>;
  beforeAll(async () => {
    config = await loadTerraform();
    alarms = config.root.resources.aws_cloudwatch_metric_alarm;
  });

  it('are exactly the seed alarms, with the seed thresholds, alarming above them', () => {
    expect(Object.keys(alarms).sort()).toEqual(Object.keys(SEED_ALARMS).sort());
    const actual = Object.fromEntries(Object.entries(alarms).map(([name, a]) => [name, [normalisedThreshold(a), a.comparison_operator]]));
    const expected = Object.fromEntries(Object.entries(SEED_ALARMS).map(([name, s]) => [name, [s.threshold, 'GreaterThanThreshold']]));
    expect(actual).toEqual(expected);
  });

  it('measure what the seed names', () => {
    const errorRate = alarms.lambda_error_rate;
    expect(errorRate.for_each).toBe('${local.function_names}');
    const queries = nested(errorRate, 'metric_query');
    expect(queries.find((q) => q.return_data === true)?.expression).toMatch(/100 \* errors \/ invocations/);
    expect(queries.flatMap((q) => nested(q, 'metric')).map((m) => [m.namespace, m.metric_name])).toEqual([
      ['AWS/Lambda', 'Errors'],
      ['AWS/Lambda', 'Invocations'],
    ]);
    expect(alarms.processing_p99.extended_statistic).toBe('p99');
    expect([alarms.dlq_depth.metric_name, alarms.dlq_depth.dimensions]).toEqual([
      'ApproximateNumberOfMessagesVisible',
      { QueueName: '${aws_sqs_queue.dlq.name}' },
    ]);
    expect([alarms.rds_cpu.namespace, alarms.rds_cpu.metric_name]).toEqual(['AWS/RDS', 'CPUUtilization']);
  });

  it('alarm on pipeline metrics the code actually publishes', () => {
    const code = [...sourceFiles(join(repoRoot, 'apps')), ...sourceFiles(join(repoRoot, 'libs'))]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const custom = Object.values(alarms).filter((a) => a.namespace === '${local.metrics_namespace}');
    expect(custom.length).toBe(2);
    for (const alarm of custom)
      expect({ metric: alarm.metric_name, published: code.includes(`'${String(alarm.metric_name)}'`) }).toEqual({
        metric: alarm.metric_name,
        published: true,
      });
    expect(code).toContain(`'${String(config.root.locals.metrics_namespace)}'`);
  });

  it("match the namespace and dimensions of the EMF the processor Lambda's metrics publisher writes", async () => {
    const pipelineConfig = loadPipelineConfig({ PIPELINE_MODE: 'aws', ENVIRONMENT: 'prod' });
    const provider = awsProviders(pipelineConfig, 'lambda').find(
      (p) => (p as { provide?: unknown }).provide === MetricsPublisher,
    ) as Provider & {
      useFactory: () => Promise<MetricsPublisher>;
    };
    const publisher = await provider.useFactory();
    const emf = await capturedStdout(async () => {
      publisher.record('ProcessingLatency', 1, 'Milliseconds');
      await publisher.flush();
    });
    const document = JSON.parse(emf.trim().split('\n').pop()!) as {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
    } & Record<string, unknown>;
    const [directive] = document._aws.CloudWatchMetrics;
    // The deployed ENVIRONMENT is var.environment, which is what Terraform puts in the dimension.
    const emitted = Object.fromEntries(directive.Dimensions[0].map((d) => [d, d === 'Environment' ? '${var.environment}' : document[d]]));
    expect(directive.Namespace).toBe(config.root.locals.metrics_namespace);
    for (const alarm of [alarms.processing_p99, alarms.data_stale]) {
      expect(alarm.dimensions).toBe('${local.processor_metric_dimensions}');
      expect(config.root.locals.processor_metric_dimensions).toEqual(emitted);
    }
  });

  it('notify the alerts topic on alarm and on recovery', () => {
    for (const alarm of Object.values(alarms))
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual(['${local.alarm_actions}', '${local.alarm_actions}']);
    expect(config.root.locals.alarm_actions).toEqual(['${aws_sns_topic.alerts.arn}']);
  });

  it('are all on the dashboard, next to processing, Lambda, RDS, error and DLQ widgets', () => {
    const dashboard = String(config.root.resources.aws_cloudwatch_dashboard.main.dashboard_body);
    expect(dashboard).toBe('${jsonencode({ widgets = local.dashboard_widgets })}');
    const widgets = JSON.stringify(config.root.locals.dashboard_widgets);
    for (const name of Object.keys(SEED_ALARMS)) expect(widgets).toContain(`aws_cloudwatch_metric_alarm.${name}`);
    for (const title of ['Processing', 'Lambda', 'RDS', 'Errors', 'DLQ']) expect(widgets).toContain(title);
  });
});

/** What `run` writes to stdout (Powertools writes EMF lines there, as Lambda's log capture expects). */
async function capturedStdout(run: () => Promise<void>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  const originalLog = console.log;
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((text += String(chunk)), true)) as typeof process.stdout.write;
  console.log = (...args: unknown[]) => void (text += `${args.join(' ')}\n`);
  try {
    await run();
  } finally {
    process.stdout.write = original;
    console.log = originalLog;
  }
  return text;
}
