import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectInfo } from '@pipeline/domain/ports/object-store.js';
import { isInternalFileName } from './object-key.js';
import { describeObject } from './object-sidecar.js';

/**
 * Walks `dir` (whose key prefix is `base`, '' or ending in '/') and yields the objects whose keys
 * start with `prefix`, in UTF-8 byte order of the key like S3, without collecting the tree first:
 * sorting the entries of each folder with folders compared as `name/` yields keys in global order,
 * because every key under a folder starts with `name/`.
 * Symlinks are skipped: the store never creates them, and following them would reach outside the root.
 */
export async function* walkObjects(dir: string, base: string, prefix: string): AsyncGenerator<ObjectInfo> {
  for (const entry of await orderedEntries(dir)) {
    const key = base + entry.name;
    if (entry.isDirectory()) {
      const folderKey = `${key}/`;
      if (folderKey.startsWith(prefix) || prefix.startsWith(folderKey)) yield* walkObjects(path.join(dir, entry.name), folderKey, prefix);
    } else if (key.startsWith(prefix)) {
      const info = await describeIfPresent(key, path.join(dir, entry.name));
      if (info) yield info;
    }
  }
}

async function orderedEntries(dir: string): Promise<Dirent[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const sortName = (e: Dirent) => Buffer.from(e.isDirectory() ? `${e.name}/` : e.name, 'utf8');
  return entries
    .filter((e) => (e.isDirectory() || e.isFile()) && !isInternalFileName(e.name))
    .map((e) => ({ entry: e, sortKey: sortName(e) }))
    .sort((a, b) => Buffer.compare(a.sortKey, b.sortKey))
    .map((e) => e.entry);
}

async function describeIfPresent(key: string, filePath: string): Promise<ObjectInfo | null> {
  try {
    const stats = await stat(filePath);
    return stats.isFile() ? await describeObject(key, filePath, stats) : null;
  } catch (error) {
    // Deleted between readdir and stat: a concurrent delete, not an error of the listing.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
