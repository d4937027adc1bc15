/**
 * Limits of the streaming decoder. A class so it doubles as a Nest injection token:
 * `{ provide: DecoderOptions, useValue: { maxDepth: 32 } }`; every field is optional.
 */
export class DecoderOptions {
  /** Longest single line or record, in decoded characters (= bytes for ASCII); memory stays bounded by it. */
  readonly maxLineBytes?: number;
  /** Deepest nesting of objects/arrays inside one JSON record. */
  readonly maxDepth?: number;
  /** Items per yielded batch. */
  readonly batchSize?: number;
}

export type DecoderLimits = Required<DecoderOptions>;

export const DEFAULT_DECODER_LIMITS: DecoderLimits = Object.freeze({
  maxLineBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  batchSize: 1000,
});

export function resolveDecoderLimits(options: DecoderOptions | undefined): DecoderLimits {
  const limits = { ...DEFAULT_DECODER_LIMITS, ...withoutUndefined(options ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`decoder option ${name} must be a positive integer, got ${value}`);
  }
  return limits;
}

function withoutUndefined(options: DecoderOptions): DecoderOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** What every format decoder needs to know about the input it reads. */
export interface FormatContext {
  /** Name used in every message (object key or path). */
  readonly file: string;
  readonly limits: DecoderLimits;
  /** CSV only: a delimiter fixed by the extension (`.tsv`); otherwise detected from the header line. */
  readonly delimiter?: string;
}
