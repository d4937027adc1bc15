import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectStore, REGISTERED_INGESTION_METADATA } from '@pipeline/domain/ports/object-store.js';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { RegisterIngestion } from '@pipeline/application/ingestion/register-ingestion/register-ingestion.command.js';

interface Seen {
  size: number;
  mtimeMs: number;
}

/**
 * Picks up files copied into `<DATA_DIR>/inbox/<dataset>/`. A file is taken once its size and
 * mtime stayed the same for one poll (so half-copied files are left alone), moved into the raw
 * area and queued. Polling rather than fs.watch: it behaves the same on every filesystem.
 */
@Injectable()
export class InboxWatcher {
  private readonly logger = new Logger('Inbox');
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly commandBus: CommandBus,
  ) {}

  async start(inboxDir: string, pollMs: number): Promise<void> {
    await mkdir(inboxDir, { recursive: true });
    this.timer = setInterval(() => void this.poll(inboxDir), pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async poll(inboxDir: string): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let taken = 0;
    try {
      for (const dataset of await readdir(inboxDir).catch(() => [] as string[])) {
        const dir = join(inboxDir, dataset);
        if (!(await stat(dir).catch(() => null))?.isDirectory()) continue;
        if (!DATASET_NAME_PATTERN.test(dataset)) {
          this.warnOnce(dir, `inbox folder ${dataset} is not a valid dataset name (${DATASET_NAME_PATTERN}); ignored`);
          continue;
        }
        for (const name of (await readdir(dir)).sort()) if (await this.consider(dataset, join(dir, name), name)) taken++;
      }
    } catch (error) {
      this.logger.error(`inbox poll failed: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
    return taken;
  }

  private async consider(dataset: string, path: string, name: string): Promise<boolean> {
    if (name.startsWith('.') || name.endsWith('.tmp') || name.endsWith('.part')) return false;
    const st = await stat(path).catch(() => null);
    if (!st?.isFile()) return false;
    const before = this.seen.get(path);
    this.seen.set(path, { size: st.size, mtimeMs: st.mtimeMs });
    if (!before || before.size !== st.size || before.mtimeMs !== st.mtimeMs) return false;
    this.seen.delete(path);
    const key = `raw/${dataset}/${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const stored = await this.store.put(key, createReadStream(path), { metadata: { [REGISTERED_INGESTION_METADATA]: 'inbox' } });
    const reg = await this.commandBus.execute(
      new RegisterIngestion(dataset, { kind: 'object', key, etag: stored.etag, size: stored.size }),
    );
    await unlink(path).catch(() => rename(path, `${path}.taken`));
    this.logger.log(`${dataset}/${name} → ${key}: ingestion ${reg.ingestionId} queued`);
    return true;
  }

  private readonly warned = new Set<string>();
  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(message);
  }
}
