import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { InvalidKeyError } from '@pipeline/domain/errors.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';
import { validateObjectKey } from '../local-fs/object-key.js';

const INGEST_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * `processed/dataset=<d>/ingest_date=<day>/`: the Hive partition Athena, Glue and DuckDB read as columns.
 * Checks the parts first, because a `/` or `=` in them would silently make another partition.
 * @example processedPartitionPrefix(target) // 'processed/dataset=orders/ingest_date=2026-11-26/'
 */
export function processedPartitionPrefix(target: Pick<SinkTarget, 'dataset' | 'ingestDate' | 'ingestionId'>): string {
  const prefix = `processed/dataset=${target.dataset}/ingest_date=${target.ingestDate}/`;
  if (!DATASET_NAME_PATTERN.test(target.dataset))
    throw new InvalidKeyError(prefix, `dataset ${JSON.stringify(target.dataset)} is not a valid name`);
  if (!INGEST_DATE.test(target.ingestDate))
    throw new InvalidKeyError(prefix, `ingestDate ${JSON.stringify(target.ingestDate)} is not YYYY-MM-DD`);
  checkIngestionId(target.ingestionId);
  return prefix;
}

/** `quarantine/dataset=<d>/<ingestionId>.rejected.jsonl` */
export function quarantineKey(target: Pick<SinkTarget, 'dataset' | 'ingestionId'>): string {
  const key = `quarantine/dataset=${target.dataset}/${target.ingestionId}.rejected.jsonl`;
  if (!DATASET_NAME_PATTERN.test(target.dataset))
    throw new InvalidKeyError(key, `dataset ${JSON.stringify(target.dataset)} is not a valid name`);
  checkIngestionId(target.ingestionId);
  return key;
}

/** The id becomes part of a file name: one plain segment, no `/`. */
function checkIngestionId(ingestionId: string): void {
  if (validateObjectKey(ingestionId).length !== 1) throw new InvalidKeyError(ingestionId, 'an ingestion id must not contain "/"');
}
