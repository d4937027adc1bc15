import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';

/** The column list both load paths write, in this order. */
export const processedDataColumns = '(dataset, ingestion_id, row_number, record_key, data, ingested_at)';

/**
 * Rows for `COPY … (FORMAT text)`. FORMAT text unescapes backslash sequences, so every backslash,
 * tab, newline and carriage return is escaped here — then JSON containing `\"` arrives intact.
 * Chosen over FORMAT csv because CSV must double every `"` of the JSON (dozens per row), while
 * JSON text rarely contains a backslash at all: the common case is a scan without a copy.
 */
export function toCopyTextLines(target: SinkTarget, rows: readonly ProcessedRow[]): string {
  const prefix = `${escapeText(target.dataset)}\t${escapeText(target.ingestionId)}\t`;
  const suffix = `\t${escapeText(target.ingestedAt)}\n`;
  let out = '';
  for (const row of rows) {
    const key = row.recordKey === null ? '\\N' : escapeText(row.recordKey);
    out += `${prefix}${row.rowNumber}\t${key}\t${escapeText(row.dataJson)}${suffix}`;
  }
  return out;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const escapeText = (value: string): string => (SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value);
