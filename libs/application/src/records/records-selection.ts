import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { PortError } from '@pipeline/domain/errors.js';
import type { ProcessedRecordsSelection } from '@pipeline/domain/ports/processed-records-reader.js';
import { parseRecordFilter } from '@pipeline/domain/records/record-filter.js';

/** A processed-records request as a client sends it, before validation. */
export interface RecordsSelectionInput {
  readonly dataset: string;
  readonly ingestionId?: string | null;
  readonly where?: readonly { readonly path: string; readonly op: string; readonly value?: unknown }[] | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

const MAX_FILTERS = 20;

/** Validates everything that will reach SQL (as parameters): dataset, ids, times, filter paths and values. */
export function parseRecordsSelection(input: RecordsSelectionInput): ProcessedRecordsSelection {
  if (!DATASET_NAME_PATTERN.test(input.dataset))
    throw invalid(`dataset ${JSON.stringify(input.dataset)} must match ${DATASET_NAME_PATTERN}`);
  const where = input.where ?? [];
  if (where.length > MAX_FILTERS) throw invalid(`at most ${MAX_FILTERS} where filters`);
  const ingestionId = input.ingestionId ?? undefined;
  if (ingestionId !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(ingestionId)) throw invalid('ingestionId is not a valid ingestion id');
  return {
    dataset: input.dataset,
    ...(ingestionId === undefined ? {} : { ingestionId }),
    ...optionalTime('from', input.from),
    ...optionalTime('to', input.to),
    where: where.map((filter, i) => parseRecordFilter(filter, i)),
  };
}

function optionalTime(name: 'from' | 'to', value: string | null | undefined): { from?: string } | { to?: string } {
  if (value === null || value === undefined) return {};
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw invalid(`${name} must be an ISO-8601 date or timestamp`);
  return { [name]: new Date(ms).toISOString() };
}

const invalid = (message: string): PortError => new PortError('INVALID_INPUT', message);
