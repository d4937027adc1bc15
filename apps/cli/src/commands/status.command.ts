import { QueryBus } from '@nestjs/cqrs';
import { GetIngestion, type IngestionDetails } from '@pipeline/application/ingestion/queries/get-ingestion.query.js';
import { ListIngestions } from '@pipeline/application/ingestion/queries/list-ingestions.query.js';
import type { IngestionStatus, IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { formatDuration, out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';
import { printSummary, UsageError } from './ingest.command.js';

const STATUSES: readonly IngestionStatus[] = [
  'received',
  'processing',
  'completed',
  'rejected',
  'failed',
  'dead_lettered',
  'replay_requested',
];

export interface StatusOptions {
  readonly dataset?: string;
  readonly state?: string;
  readonly limit: number;
  readonly json: boolean;
}

/** `pipeline status` lists ingestions; `pipeline status ID` prints one with its event history. */
export async function statusCommand(ctx: CliContext, id: string | undefined, options: StatusOptions): Promise<number> {
  const queries = ctx.get(QueryBus);
  if (id) {
    const details: IngestionDetails | null = await queries.execute(new GetIngestion(id));
    if (!details) {
      out(`no ingestion ${id}`);
      return 1;
    }
    if (options.json) out(JSON.stringify(details, null, 2));
    else printDetails(details);
    return 0;
  }
  if (options.state && !STATUSES.includes(options.state as IngestionStatus)) {
    throw new UsageError(`--state must be one of ${STATUSES.join(', ')}`);
  }
  const page: { items: IngestionView[] } = await queries.execute(
    new ListIngestions({ dataset: options.dataset, status: options.state as IngestionStatus | undefined, limit: options.limit }),
  );
  if (options.json) return (out(JSON.stringify(page.items, null, 2)), 0);
  if (page.items.length === 0) return (out('no ingestions yet — try `npx pipeline ingest samples/orders.csv`'), 0);
  const rows = page.items.map((v) => [
    v.ingestionId,
    v.dataset,
    v.status,
    String(v.counts?.recordsIn ?? '-'),
    String(v.counts?.valid ?? '-'),
    String(v.counts?.quarantined ?? '-'),
    formatDuration(v.durationMs),
    v.receivedAt.replace('T', ' ').slice(0, 19),
  ]);
  out(table([['INGESTION', 'DATASET', 'STATE', 'IN', 'VALID', 'QUARANTINED', 'DURATION', 'RECEIVED (UTC)'], ...rows]));
  return 0;
}

function printDetails(details: IngestionDetails): void {
  printSummary(details.view, { json: false, quiet: false });
  out(`  source     ${details.view.sourceKey}`);
  for (const r of details.view.ruleResults.filter((x) => x.failed > 0)) {
    out(
      `  rule ${r.rule}${r.column ? `(${r.column})` : ''} [${r.action}]: ${r.failed} failed, e.g. row ${r.samples[0]?.row}: ${r.samples[0]?.message ?? ''}`,
    );
  }
  out('');
  out('  event history:');
  for (const e of details.events) out(`  ${String(e.version).padStart(3)}  ${e.recordedAt}  ${e.type}${describe(e.data)}`);
}

function describe(data: unknown): string {
  const d = data as Record<string, unknown>;
  if (typeof d.attempt === 'number') return ` (attempt ${d.attempt})`;
  if (d.reason && typeof d.reason === 'object') return `: ${(d.reason as { message: string }).message}`;
  if (d.error && typeof d.error === 'object') return `: ${(d.error as { message: string }).message}`;
  if (typeof d.durationMs === 'number') return ` in ${formatDuration(d.durationMs)}`;
  return '';
}
