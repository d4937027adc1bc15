import { randomUUID } from 'node:crypto';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { PortError } from '@pipeline/domain/errors.js';
import { isProcessAlive, isReachable } from './process-probes.js';

/** What the lock file holds: who owns the data dir and, once its server listens, where. */
interface LockContent {
  readonly pid: number;
  readonly url: string | null;
}

export type LockOutcome =
  | { readonly kind: 'acquired'; publish(url: string): Promise<void>; release(): Promise<void> }
  | { readonly kind: 'held'; readonly url: string };

export interface LockOptions {
  /** How long to wait for a live owner to publish a reachable URL (default 60 s; a fresh PGlite needs ~4 s). */
  readonly waitMs?: number;
  /** Lock files this process wrote earlier in its life (same pid after a container restart) count as stale unless listed. */
  readonly ownedByThisProcess?: (lockPath: string) => boolean;
}

/**
 * Takes `lockPath` exclusively (O_EXCL), or reports the URL of the live process that holds it.
 * A lock left by a dead process is moved aside and taken over. Two PGlite instances on one data
 * dir corrupt it silently, so a live owner is never taken over, even when it does not answer.
 */
export async function acquireDataDirLock(lockPath: string, options: LockOptions = {}): Promise<LockOutcome> {
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  for (;;) {
    if (await tryCreate(lockPath)) return acquired(lockPath);
    const holder = await readLock(lockPath);
    if (holder === 'missing') continue;
    if (holder === 'unreadable' || isStale(holder, lockPath, options)) {
      await moveAside(lockPath, holder);
      continue;
    }
    if (holder.url && (await isReachable(holder.url))) return { kind: 'held', url: holder.url };
    if (Date.now() > deadline) {
      throw new PortError('LOCKED', `${lockPath} is held by live process ${holder.pid}, which does not answer; stop it or delete the lock`);
    }
    await sleep(100);
  }
}

function isStale(holder: LockContent, lockPath: string, options: LockOptions): boolean {
  if (holder.pid === process.pid) return !(options.ownedByThisProcess?.(lockPath) ?? false);
  return !isProcessAlive(holder.pid);
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, url: null } satisfies LockContent));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function acquired(lockPath: string): LockOutcome {
  return {
    kind: 'acquired',
    async publish(url) {
      // Written beside and renamed over, so a reader never sees half a file.
      const next = `${lockPath}.${randomUUID()}.tmp`;
      await writeFile(next, JSON.stringify({ pid: process.pid, url } satisfies LockContent));
      await rename(next, lockPath);
    },
    async release() {
      const holder = await readLock(lockPath);
      if (holder !== 'missing' && holder !== 'unreadable' && holder.pid === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
}

async function readLock(lockPath: string): Promise<LockContent | 'missing' | 'unreadable'> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, url: typeof parsed.url === 'string' ? parsed.url : null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
  }
  // Empty while its creator is between open and write: give it a moment before calling it stale.
  const age = await stat(lockPath).then(
    (s) => Date.now() - s.mtimeMs,
    () => Infinity,
  );
  if (age < 2_000) {
    await sleep(50);
    return readLock(lockPath);
  }
  return 'unreadable';
}

/** Moves a stale lock aside; if a fresh lock slipped in between reading and moving, puts it back. */
async function moveAside(lockPath: string, seen: LockContent | 'unreadable'): Promise<void> {
  const aside = `${lockPath}.stale-${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  const moved = await readLock(aside);
  const same = moved === 'unreadable' ? seen === 'unreadable' : moved !== 'missing' && seen !== 'unreadable' && moved.pid === seen.pid;
  if (!same) await rename(aside, lockPath).catch(() => undefined);
  else await unlink(aside).catch(() => undefined);
}
