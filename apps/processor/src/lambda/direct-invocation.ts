import { CommandBus } from '@nestjs/cqrs';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { PortError } from '@pipeline/domain/errors.js';
import { ingestionIdFor } from '@pipeline/domain/ingestion/ingestion-id.js';
import { ObjectStore, REGISTERED_INGESTION_METADATA } from '@pipeline/domain/ports/object-store.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { MAX_PAYLOAD_RECORDS } from '@pipeline/application/ingestion/ingest-payload/ingest-payload.command.js';
import {
  ProcessIngestion,
  type ProcessIngestionResult,
} from '@pipeline/application/ingestion/process-ingestion/process-ingestion.command.js';
import {
  RegisterIngestion,
  type RegisterIngestionResult,
} from '@pipeline/application/ingestion/register-ingestion/register-ingestion.command.js';

/** The seed's direct invocation: `{"data": [{"id": 1, "value": "test"}]}`, optionally with a dataset and a client request id. */
export interface DirectPayload {
  readonly data: readonly unknown[];
  readonly dataset?: string;
  readonly clientRequestId?: string;
}

export const isDirectPayload = (event: unknown): event is DirectPayload =>
  typeof event === 'object' && event !== null && Array.isArray((event as { data?: unknown }).data);

export const DEFAULT_DIRECT_DATASET = 'default';

export interface DirectInvocationSummary {
  readonly ingestionId: string;
  readonly dataset: string;
  /** completed | rejected | processing (another invocation has it) | … */
  readonly status: string;
  /** False when the same payload (and request id) had been ingested before. */
  readonly created: boolean;
  readonly counts: IngestionView['counts'];
  /** Where the rows went: sink, rows and object keys / table. */
  readonly outputs: readonly { readonly sink: string; readonly rows: number; readonly targets: readonly string[] }[];
  readonly rejection: IngestionView['rejection'];
  readonly durationMs: number | null;
}

/**
 * Processes a payload inline: kept in the raw area like an uploaded file (marked as registered by
 * its writer, so the S3 event for it is not a second ingestion), registered, processed, summarised.
 * The same payload again is the same ingestion: nothing is stored twice.
 */
export class DirectInvocation {
  constructor(
    private readonly bus: CommandBus,
    private readonly store: ObjectStore,
  ) {}

  async run(payload: DirectPayload): Promise<DirectInvocationSummary> {
    const { dataset, records, clientRequestId } = checked(payload);
    const contentId = ingestionIdFor({ kind: 'payload', records, ...(clientRequestId ? { clientRequestId } : {}) });
    const key = `raw/${dataset}/invoke-${contentId}.json`;
    const source = { kind: 'payload' as const, key, ...(clientRequestId ? { clientRequestId } : {}) };
    const ingestionId = ingestionIdFor(source);
    const existing = await this.store.head(key);
    const stored =
      existing ??
      (await this.store.put(key, JSON.stringify({ data: records }), {
        contentType: 'application/json',
        metadata: { [REGISTERED_INGESTION_METADATA]: ingestionId },
      }));
    const registered: RegisterIngestionResult = await this.bus.execute(
      new RegisterIngestion(dataset, { ...source, size: stored.size }, false),
    );
    const result: ProcessIngestionResult = await this.bus.execute(new ProcessIngestion(registered.ingestionId));
    return summary(registered, dataset, result);
  }
}

function summary(registered: RegisterIngestionResult, dataset: string, result: ProcessIngestionResult): DirectInvocationSummary {
  const base = { ingestionId: registered.ingestionId, dataset, created: registered.created };
  if (!('view' in result)) {
    const status = result.outcome === 'in-progress-elsewhere' ? 'processing' : result.outcome;
    return { ...base, status, counts: null, outputs: [], rejection: null, durationMs: null };
  }
  const { view } = result;
  return {
    ...base,
    status: view.status,
    counts: view.counts,
    outputs: view.sinks.map((s) => ({ sink: s.sink, rows: s.rows, targets: s.targets })),
    rejection: view.rejection,
    durationMs: view.durationMs,
  };
}

function checked(payload: DirectPayload): { dataset: string; records: readonly unknown[]; clientRequestId?: string } {
  const dataset = payload.dataset ?? DEFAULT_DIRECT_DATASET;
  if (typeof dataset !== 'string' || !DATASET_NAME_PATTERN.test(dataset))
    throw invalid(`dataset ${JSON.stringify(dataset)} must match ${DATASET_NAME_PATTERN}`);
  const records = payload.data;
  if (records.length === 0 || records.length > MAX_PAYLOAD_RECORDS) throw invalid(`data must hold 1 to ${MAX_PAYLOAD_RECORDS} records`);
  const bad = records.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
  if (bad >= 0) throw invalid(`data[${bad}] must be a JSON object`);
  const id = payload.clientRequestId;
  if (id !== undefined && (typeof id !== 'string' || !/^[A-Za-z0-9._:-]{1,200}$/.test(id)))
    throw invalid('clientRequestId must be 1 to 200 characters of A-Z a-z 0-9 . _ : -');
  return { dataset, records, ...(id ? { clientRequestId: id } : {}) };
}

const invalid = (message: string): PortError => new PortError('INVALID_INPUT', message);
