import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import {
  GenerateDailyReport,
  type GenerateDailyReportResult,
} from '@pipeline/application/reports/generate-daily-report/generate-daily-report.command.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';
import { info, out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * `pipeline report [--date YYYY-MM-DD] [--no-deliver] [--json]`: generates (or regenerates) a day's
 * report, the previous UTC day by default, and sends it to the subscribers.
 */
export async function reportCommand(ctx: CliContext, options: { date?: string; deliver: boolean; json: boolean }): Promise<number> {
  const result: GenerateDailyReportResult = await ctx
    .get(CommandBus)
    .execute(new GenerateDailyReport(options.date, 'cli', options.deliver));
  if (options.json) {
    out(
      JSON.stringify(
        {
          date: result.date,
          version: result.version,
          artefactKeys: result.artefactKeys,
          metrics: result.metrics,
          delivery: result.delivery,
        },
        null,
        2,
      ),
    );
    return result.delivery && result.delivery.failed.length > 0 ? 1 : 0;
  }
  const objects = join(ctx.get(PipelineConfig).dataDir, 'objects');
  out(`report ${result.date} version ${result.version}`);
  for (const key of result.artefactKeys) out(`  ${join(objects, key)}`);
  printSummary(result.metrics);
  const d = result.delivery;
  if (!d) info('not delivered (--no-deliver)');
  else if (d.delivered.length === 0 && d.failed.length === 0)
    info('no subscribers: add one with `npx pipeline subscriptions add EMAIL you@example.com`');
  else {
    out(`delivered to ${d.delivered.length} subscription(s)`);
    for (const f of d.failed) info(`delivery to ${f.subscriptionId} failed: ${f.error}`);
  }
  return d && d.failed.length > 0 ? 1 : 0;
}

function printSummary(s: ReportSummary): void {
  const i = s.ingestions;
  const r = s.records;
  info(
    table([
      [
        'ingestions',
        `${count(i.started)} started, ${count(i.completed)} completed, ${count(i.rejected)} rejected, ${count(i.deadLettered)} dead-lettered`,
      ],
      [
        'records',
        `${count(r.in)} in, ${count(r.valid)} valid, ${count(r.warned)} warned, ${count(r.quarantined)} quarantined, ${count(r.rejected)} in rejected inputs`,
      ],
      [
        'alarms',
        Object.entries(s.alarms)
          .map(([name, state]) => `${name} ${state}`)
          .join(', '),
      ],
      ...(s.volumeAnomalies.length ? [['anomalies', s.volumeAnomalies.map((a) => `${a.dataset} volume ${a.anomaly}`).join(', ')]] : []),
    ]),
  );
}
