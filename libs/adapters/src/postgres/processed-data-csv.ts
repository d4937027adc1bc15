import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';

/** The column list both load paths write, in this order. */
export const processedDataColumns = '(dataset, ingestion_id, row_number, record_key, data, ingested_at)';

/**
 * Rows as CSV for `COPY … (FORMAT csv)`. Every text value is quoted (inner quotes doubled), so
 * backslashes, newlines and `\"` inside JSON reach the server untouched — FORMAT text would unescape
 * them. An unquoted empty field is CSV's NULL, used for a missing record key.
 */
export function toCsvLines(target: SinkTarget, rows: readonly ProcessedRow[]): string {
  const prefix = `${quote(target.dataset)},${quote(target.ingestionId)},`;
  const suffix = `,${quote(target.ingestedAt)}\n`;
  let out = '';
  for (const row of rows) {
    const key = row.recordKey === null ? '' : quote(row.recordKey);
    out += `${prefix}${row.rowNumber},${key},${quote(row.json)}${suffix}`;
  }
  return out;
}

const quote = (value: string): string => `"${value.replaceAll('"', '""')}"`;
