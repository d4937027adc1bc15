import type { Readable } from 'node:stream';
import type { RawRecord } from '../records/processed-row.js';

export type InputFormat = 'csv' | 'json' | 'ndjson';

export interface DecodeSource {
  /** Name used in every error message (the object key or the file path). */
  readonly name: string;
  /** Forced format; otherwise taken from the extension (`.csv`, `.tsv`, `.json`, `.ndjson`, `.jsonl`, each optionally `.gz`), then sniffed. */
  readonly format?: InputFormat;
}

export type DecodedItem =
  | { readonly kind: 'record'; readonly record: RawRecord; readonly index: number; readonly line: number }
  /** A record that cannot be read but does not stop the file (ragged CSV row, bad NDJSON line). */
  | {
      readonly kind: 'bad';
      readonly index: number;
      readonly line: number;
      readonly code: string;
      readonly message: string;
      readonly raw: string;
    };

/**
 * Streams records out of a raw input without holding it in memory.
 * Fatal problems (the rest of the file cannot be trusted) throw DecodeError naming file, line and record.
 */
export abstract class RecordDecoder {
  /** @example for await (const batch of decoder.decode(stream, { name: 'raw/orders/a.csv' })) for (const item of batch) … */
  abstract decode(input: Readable, source: DecodeSource): AsyncIterable<DecodedItem[]>;
}
