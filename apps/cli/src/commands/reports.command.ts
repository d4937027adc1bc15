import { QueryBus } from '@nestjs/cqrs';
import { addDays } from '@pipeline/domain/reports/report-date.js';
import { GetReport, type ReportDetails } from '@pipeline/application/reports/queries/get-report.query.js';
import { ListReports, type ReportListItem } from '@pipeline/application/reports/queries/list-reports.query.js';
import { info, out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from './ingest.command.js';

const count = (n: number): string => n.toLocaleString('en-US');

/** `pipeline reports [--from D] [--to D] [--json]` lists generated reports; `pipeline reports DATE` shows one. */
export async function reportsCommand(
  ctx: CliContext,
  date: string | undefined,
  options: { from?: string; to?: string; limit: number; json: boolean },
): Promise<number> {
  const bus = ctx.get(QueryBus);
  if (date) {
    const details: ReportDetails | null = await bus.execute(new GetReport(date));
    if (!details) {
      info(`no report for ${date}: generate it with \`npx pipeline report --date ${date}\``);
      return 1;
    }
    if (options.json) out(JSON.stringify(details, null, 2));
    else showOne(details);
    return 0;
  }
  const to = options.to ?? new Date().toISOString().slice(0, 10);
  const from = options.from ?? addDays(to, -30);
  if (from > to) throw new UsageError('--from must not be after --to');
  const items: ReportListItem[] = await bus.execute(new ListReports(from, to, options.limit));
  if (options.json) out(JSON.stringify(items, null, 2));
  else if (items.length === 0) info(`no reports from ${from} to ${to}`);
  else out(table([['DATE', 'VERSION', 'GENERATED', 'RECORDS IN', 'QUARANTINED', 'ALARMS', 'DELIVERED'], ...items.map(row)]));
  return 0;
}

function row({ entry }: ReportListItem): string[] {
  const alarms = Object.values(entry.summary.alarms).filter((s) => s === 'ALARM').length;
  return [
    entry.date,
    String(entry.version),
    entry.generatedAt,
    count(entry.summary.records.in),
    count(entry.summary.records.quarantined),
    String(alarms),
    String(entry.deliveredTo.length),
  ];
}

function showOne(d: ReportDetails): void {
  const e = d.entry;
  out(`report ${e.date} version ${e.version} (versions: ${d.versions.join(', ')}), generated ${e.generatedAt}`);
  out(`  html  ${d.links.html}`);
  out(`  json  ${d.links.json}`);
  out(
    `  records in ${count(e.summary.records.in)}, valid ${count(e.summary.records.valid)}, quarantined ${count(e.summary.records.quarantined)}`,
  );
  out(
    `  alarms: ${Object.entries(e.summary.alarms)
      .map(([n, s]) => `${n} ${s}`)
      .join(', ')}`,
  );
  if (e.deliveredAt) out(`  delivered ${e.deliveredAt} to ${e.deliveredTo.length}, failed ${e.failedDeliveries.length}`);
  for (const f of e.failedDeliveries) out(`    ${f.subscriptionId}: ${f.error}`);
}
