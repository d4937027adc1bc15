import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A random 32-byte key (hex) kept in `<dataDir>/<fileName>`, made on first use and read ever after.
 * Processes and providers that start together (the API and the worker, two Nest providers) may all
 * find it missing: each writes a whole key to a file of its own and hard-links it into place, which
 * only one can do, so nobody ever reads a half-written key; the others read the winner's.
 * @example const key = Buffer.from(await dataDirSecret(config.dataDir, 'upload-signing.key'), 'hex');
 */
export async function dataDirSecret(dataDir: string, fileName: string): Promise<string> {
  const path = join(dataDir, fileName);
  const existing = await readKey(path);
  if (existing !== undefined) return existing;
  await mkdir(dataDir, { recursive: true });
  const candidate = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(candidate, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    await link(candidate, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(candidate, { force: true });
  }
  const key = await readKey(path);
  if (!key) throw new Error(`${path} is empty: remove it and restart to make a new key`);
  return key;
}

async function readKey(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
