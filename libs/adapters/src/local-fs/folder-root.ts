import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InvalidKeyError } from '@pipeline/domain/errors.js';

/**
 * The store's root folder and the one place that turns key segments into paths.
 * Symlinks inside the tree are followed only while they stay inside the root. The check runs
 * before each operation, so a symlink swapped in between check and use (a local attacker
 * with write access to DATA_DIR) is out of scope: that attacker can write the files directly.
 */
export class FolderRoot {
  readonly dir: string;
  private realRoot?: Promise<string>;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** The root with its own symlinks resolved (created on first use). */
  real(): Promise<string> {
    this.realRoot ??= mkdir(this.dir, { recursive: true }).then(() => realpath(this.dir));
    return this.realRoot;
  }

  /** The path for validated segments; refuses anything that resolves outside the root. */
  async pathFor(key: string, segments: readonly string[]): Promise<string> {
    const root = await this.real();
    const resolved = path.resolve(root, ...segments);
    if (!isInside(root, resolved)) throw new InvalidKeyError(key, 'resolves outside the store');
    return resolved;
  }

  /**
   * Resolves symlinks along the existing part of `target` and throws when they lead outside the root.
   * Returns the real path of `target` when it exists, null when it does not (yet).
   */
  async assertNoEscape(key: string, target: string): Promise<string | null> {
    const root = await this.real();
    for (let probe = target; ; probe = path.dirname(probe)) {
      const real = await realpathIfExists(probe);
      if (real === null && probe !== root && path.dirname(probe) !== probe) continue;
      if (real !== null && !isInside(root, real)) throw new InvalidKeyError(key, 'a symlink leads outside the store');
      return probe === target ? real : null;
    }
  }
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative));
}

async function realpathIfExists(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}
