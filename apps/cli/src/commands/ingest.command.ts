import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ObjectStore, REGISTERED_INGESTION_METADATA } from '@pipeline/domain/ports/object-store.js';
import { ContractFileLoader } from '@pipeline/application/dataset/contract-files/contract-file-loader.js';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { toSnakeCase } from '@pipeline/domain/transforms/snake-case.js';
import { RegisterIngestion } from '@pipeline/application/ingestion/register-ingestion/register-ingestion.command.js';
import {
  ProcessIngestion,
  type ProcessIngestionResult,
} from '@pipeline/application/ingestion/process-ingestion/process-ingestion.command.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { formatBytes, formatDuration, info, out, ProgressLine } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';

export interface IngestOptions {
  readonly dataset?: string;
  readonly quiet: boolean;
  readonly json: boolean;
}

/** `pipeline ingest FILE…`: copy into the raw area, register, process inline with progress. Exit 0 only if every file completed. */
export async function ingestCommand(ctx: CliContext, files: string[], options: IngestOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('ingest needs at least one FILE');
  // Contract files are the source of truth for their datasets: pick up edits before ingesting.
  await ctx.get(ContractFileLoader).loadFolder(ctx.get(PipelineConfig).datasetsDir);
  let exitCode = 0;
  for (const file of files) {
    const view = await ingestOne(ctx, file, options);
    if (!view || view.status !== 'completed') exitCode = 1;
  }
  return exitCode;
}

async function ingestOne(ctx: CliContext, file: string, options: IngestOptions): Promise<IngestionView | null> {
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw new UsageError(`${file}: no such file`);
  const dataset = options.dataset ?? datasetFromFileName(file);
  const store = ctx.get(ObjectStore);
  const key = await rawKeyFor(store, dataset, file);
  if (!options.quiet) info(`${file} → ${key} (${formatBytes(size)}), dataset ${dataset}`);
  // The metadata tells the aws-mode processor that this object is registered already (no second ingestion from its S3 event).
  const stored = await store.put(key, createReadStream(file), { metadata: { [REGISTERED_INGESTION_METADATA]: 'cli' } });
  const bus = ctx.get(CommandBus);
  const reg = await bus.execute(new RegisterIngestion(dataset, { kind: 'object', key, etag: stored.etag, size: stored.size }, false));
  if (!options.quiet) info(`ingestion ${reg.ingestionId}${reg.created ? '' : ' (already known: same file)'}`);
  const progress = new ProgressLine();
  const result: ProcessIngestionResult = await bus.execute(
    new ProcessIngestion(reg.ingestionId, options.quiet ? undefined : (p) => progress.update(p.rows, p.bytes, p.totalBytes)),
  );
  progress.done();
  if (result.outcome === 'unknown-ingestion' || result.outcome === 'in-progress-elsewhere') {
    info(
      `ingestion ${reg.ingestionId}: ${result.outcome === 'unknown-ingestion' ? 'not found' : 'being processed by another process; see `pipeline status ' + reg.ingestionId + '`'}`,
    );
    return null;
  }
  printSummary(result.view, options);
  return result.view;
}

export function printSummary(view: IngestionView, options: { json: boolean; quiet: boolean }): void {
  if (options.json) return out(JSON.stringify(view, null, 2));
  if (options.quiet) return out(view.ingestionId);
  const c = view.counts;
  out(`ingestion ${view.ingestionId}: ${view.status.toUpperCase()} in ${formatDuration(view.durationMs)}`);
  if (c) out(`  records in ${c.recordsIn}, valid ${c.valid}, warned ${c.warned}, quarantined ${c.quarantined}, duplicates ${c.duplicates}`);
  for (const s of view.sinks)
    out(`  ${s.sink.padEnd(10)} ${String(s.rows).padStart(9)} rows  ${formatBytes(s.bytes).padStart(10)}  ${s.targets.join(', ')}`);
  if (view.rejection) out(`  rejected: ${view.rejection.message}`);
  if (view.lastError && view.status !== 'completed') out(`  last error: ${view.lastError}`);
}

/** The dataset a file belongs to when --dataset is not given: its name without extensions. */
export function datasetFromFileName(file: string): string {
  const name = basename(file).replace(/(\.gz)?$/i, '');
  return toSnakeCase(name.slice(0, name.length - extname(name).length)).replace(/^_+/, '') || 'default';
}

/** `raw/<dataset>/<file>`; a different file with the same name gets a content-hash suffix instead of overwriting. */
async function rawKeyFor(store: ObjectStore, dataset: string, file: string): Promise<string> {
  const safe = basename(file)
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_');
  const key = `raw/${dataset}/${safe}`;
  const existing = await store.head(key);
  if (!existing) return key;
  const md5 = await fileMd5(file);
  if (existing.etag.replace(/"/g, '') === md5) return key;
  const ext = safe.match(/(\.[A-Za-z0-9]+(\.gz)?)$/i)?.[1] ?? '';
  return `raw/${dataset}/${safe.slice(0, safe.length - ext.length)}.${md5.slice(0, 12)}${ext}`;
}

async function fileMd5(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class UsageError extends Error {
  readonly code = 'USAGE';
}
