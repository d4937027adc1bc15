/**
 * Test harness shared by the *.spec.ts files beside it (not used by production code):
 * feeds inputs through StreamingRecordDecoder in chosen chunk sizes and collects the result.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DecodeError } from '@pipeline/domain/errors.js';
import { type DecodedItem, type InputFormat } from '@pipeline/domain/ports/record-decoder.js';
import { type DecoderOptions } from './decoder-options.js';
import { StreamingRecordDecoder } from './streaming-record-decoder.js';

export type Input = string | Buffer;

export interface Decoded {
  readonly items: DecodedItem[];
  readonly records: Record<string, unknown>[];
  readonly bad: Extract<DecodedItem, { kind: 'bad' }>[];
  readonly batchSizes: number[];
}

/** A non-flowing stream yielding `input` in pieces of the given sizes (cycled), or whole. */
export function streamOf(input: Input, sizes: readonly number[] = []): Readable {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes.length === 0 ? bytes.length : sizes[k % sizes.length];
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks, { objectMode: false });
}

export async function decode(
  input: Input | Readable,
  name: string,
  options: { sizes?: number[]; format?: InputFormat; decoder?: DecoderOptions } = {},
): Promise<Decoded> {
  const stream = input instanceof Readable ? input : streamOf(input, options.sizes);
  const items: DecodedItem[] = [];
  const batchSizes: number[] = [];
  for await (const batch of new StreamingRecordDecoder(options.decoder).decode(stream, { name, format: options.format })) {
    batchSizes.push(batch.length);
    items.push(...batch);
  }
  return {
    items,
    records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])),
    bad: items.flatMap((i) => (i.kind === 'bad' ? [i] : [])),
    batchSizes,
  };
}

/** The DecodeError the input raises; fails the test when it decodes fine or throws something else. */
export async function decodeFailure(
  input: Input | Readable,
  name: string,
  options: Parameters<typeof decode>[2] = {},
): Promise<DecodeError> {
  try {
    await decode(input, name, options);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error(`expected ${name} to fail with a DecodeError`);
}

export const gzip = (input: Input): Buffer => gzipSync(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'));
