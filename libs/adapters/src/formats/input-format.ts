import { DecodeError } from '@pipeline/domain/errors.js';
import { type InputFormat } from '@pipeline/domain/ports/record-decoder.js';
import { DecodeReason } from './decode-reasons.js';

/** What the name tells: a format (CSV maybe with a fixed delimiter), JSON that may still be NDJSON, or nothing (sniff). */
export type FormatHint =
  | { readonly kind: 'format'; readonly format: InputFormat; readonly delimiter?: string }
  | { readonly kind: 'json-or-ndjson' }
  | { readonly kind: 'sniff' };

export const SUPPORTED_FORMATS = '.csv, .tsv, .txt (CSV), .json (array or {"data":[...]}), .ndjson, .jsonl — each optionally .gz';

const byExtension: Readonly<Record<string, FormatHint>> = {
  csv: { kind: 'format', format: 'csv' },
  txt: { kind: 'format', format: 'csv' },
  tsv: { kind: 'format', format: 'csv', delimiter: '\t' },
  // People name NDJSON files .json; the content decides between the two (never CSV).
  json: { kind: 'json-or-ndjson' },
  ndjson: { kind: 'format', format: 'ndjson' },
  jsonl: { kind: 'format', format: 'ndjson' },
};

// Something that looks like an extension; `orders.2024.01` has none and is sniffed.
const extensionPattern = /\.([a-z][a-z0-9]{0,9})$/i;

/**
 * Reads the format from the name (case-insensitive, a trailing `.gz` ignored: gzip is
 * recognised by its magic bytes). A name with an extension we do not read throws UNKNOWN_FORMAT.
 */
export function formatHint(name: string, forced?: InputFormat): FormatHint {
  if (forced) return { kind: 'format', format: forced };
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).replace(/\.gz$/i, '');
  const extension = extensionPattern.exec(base.startsWith('.') ? base.slice(1) : base)?.[1]?.toLowerCase();
  if (extension === undefined || extension === 'gz') return { kind: 'sniff' };
  const hint = byExtension[extension];
  if (hint) return hint;
  throw new DecodeError(DecodeReason.UNKNOWN_FORMAT, name, `unknown format ".${extension}"; supported: ${SUPPORTED_FORMATS}`);
}
