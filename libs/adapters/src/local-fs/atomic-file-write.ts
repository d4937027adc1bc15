import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface WrittenBody {
  readonly size: number;
  /** MD5 hex of the bytes, computed as they pass (the ETag S3 gives a single-part upload). */
  readonly etag: string;
}

/**
 * Writes a body to a new file (`wx`: never reuses an existing path), hashing as it streams.
 * On failure the caller removes the file; nothing here renames it into place.
 */
export async function writeBody(filePath: string, body: Readable | Buffer | string, fsync: boolean): Promise<WrittenBody> {
  const written = typeof body === 'string' || Buffer.isBuffer(body) ? await writeWhole(filePath, body) : await writeStream(filePath, body);
  if (fsync) await syncFile(filePath);
  return written;
}

async function writeWhole(filePath: string, body: Buffer | string): Promise<WrittenBody> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  await writeFile(filePath, bytes, { flag: 'wx' });
  return { size: bytes.length, etag: createHash('md5').update(bytes).digest('hex') };
}

async function writeStream(filePath: string, body: Readable): Promise<WrittenBody> {
  const hash = createHash('md5');
  let size = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  // pipeline destroys every stage when any fails, so an erroring or aborted body leaves a closed partial file.
  await pipeline(body, hasher, createWriteStream(filePath, { flags: 'wx' }));
  return { size, etag: hash.digest('hex') };
}

async function syncFile(filePath: string): Promise<void> {
  const handle = await open(filePath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
