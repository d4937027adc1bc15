import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectInfo } from '@pipeline/domain/ports/object-store.js';
import { MAX_SEGMENT_BYTES, SIDECAR_SUFFIX, TEMP_FILE_SUFFIX } from './object-key.js';

/**
 * What `put` learnt while streaming an object (its MD5, content type, metadata), kept in a small
 * hidden file beside it so `head` and `list` cost one stat and one small read instead of hashing
 * the object. The sidecar names the file's inode, size and mtime: when they no longer match (a
 * concurrent put, a crash between the two renames, a file copied in by hand) the etag is
 * recomputed from the content and the sidecar rewritten.
 */
interface Sidecar {
  readonly etag: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export type ObjectFacts = Pick<Sidecar, 'etag' | 'contentType' | 'metadata'>;

/** Leading dot: Hive, Spark and most tools skip hidden files when they read a folder as a table. */
export function sidecarPath(filePath: string): string {
  const name = path.basename(filePath);
  const readable = `.${name}${SIDECAR_SUFFIX}`;
  const fileName =
    Buffer.byteLength(readable) <= MAX_SEGMENT_BYTES ? readable : `.${createHash('sha256').update(name).digest('hex')}${SIDECAR_SUFFIX}`;
  return path.join(path.dirname(filePath), fileName);
}

export function tempPathBeside(filePath: string): string {
  return path.join(path.dirname(filePath), `.~${randomUUID()}${TEMP_FILE_SUFFIX}`);
}

export async function writeSidecar(filePath: string, stat: Stats, facts: ObjectFacts): Promise<void> {
  const sidecar: Sidecar = { ...facts, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  const temp = tempPathBeside(filePath);
  try {
    await writeFile(temp, JSON.stringify(sidecar));
    await rename(temp, sidecarPath(filePath));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

export async function removeSidecar(filePath: string): Promise<void> {
  await unlink(sidecarPath(filePath)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** ObjectInfo for an existing regular file, from its sidecar when it is current. */
export async function describeObject(key: string, filePath: string, stat: Stats): Promise<ObjectInfo> {
  const cached = await readSidecar(filePath);
  const current = cached && cached.ino === stat.ino && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs;
  const facts: ObjectFacts = current ? cached : { etag: await md5OfFile(filePath) };
  if (!current) await writeSidecar(filePath, stat, facts).catch(() => undefined);
  return {
    key,
    size: stat.size,
    etag: facts.etag,
    lastModified: stat.mtime,
    ...(facts.contentType === undefined ? {} : { contentType: facts.contentType }),
  };
}

async function readSidecar(filePath: string): Promise<Sidecar | null> {
  try {
    const parsed = JSON.parse(await readFile(sidecarPath(filePath), 'utf8')) as Partial<Sidecar>;
    return typeof parsed.etag === 'string' && typeof parsed.ino === 'number' ? (parsed as Sidecar) : null;
  } catch {
    // Missing or unreadable sidecars are rebuilt from the content.
    return null;
  }
}

async function md5OfFile(filePath: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
