import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecodeError } from '@pipeline/domain/errors.js';
import { DecodeReason } from './decode-reasons.js';

export const isGzipMagic = (head: Buffer): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/**
 * Gunzips a byte stream with backpressure (multi-member files included). A truncated or
 * corrupt stream becomes GZIP_CORRUPT naming the file and the line the text had reached;
 * errors of the underlying input (network, disk) pass through unchanged, they may be transient.
 */
export async function* gunzipBytes(bytes: AsyncIterable<Buffer>, file: string, lineReached: () => number): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  // Errors surface through the iteration below; the callback only keeps pipeline from throwing elsewhere.
  pipeline(Readable.from(bytes, { objectMode: false }), gunzip, () => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    if (!isZlibError(error)) throw error;
    const detail = `gzip data is truncated or corrupt (${(error as Error).message})`;
    throw new DecodeError(DecodeReason.GZIP_CORRUPT, file, detail, lineReached(), undefined, { cause: error });
  } finally {
    gunzip.destroy();
  }
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
