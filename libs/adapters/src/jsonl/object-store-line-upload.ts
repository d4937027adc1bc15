import { PassThrough } from 'node:stream';
import type { ObjectInfo, ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { writeChunk } from './write-chunk.js';

/**
 * Streams text into one object through `store.put`, which is atomic: nothing is visible until
 * `finish`, and `abort` leaves the previous version (or nothing). The upload starts with the first
 * chunk, so a writer that never writes creates no object at all.
 */
export class ObjectStoreLineUpload {
  private body?: PassThrough;
  private upload?: Promise<ObjectInfo>;
  private closed = false;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
    private readonly contentType: string,
  ) {}

  /** Appends text (whole lines, each ending in '\n'), waiting while the store is behind. */
  async write(text: string): Promise<void> {
    if (this.closed) throw new Error(`upload of ${this.key} is already committed or aborted`);
    if (text === '') return;
    await writeChunk(this.start(), text);
  }

  /** Ends the body and waits for the store; null when nothing was ever written. */
  async finish(): Promise<ObjectInfo | null> {
    this.closed = true;
    if (!this.body || !this.upload) return null;
    this.body.end();
    return this.upload;
  }

  async abort(): Promise<void> {
    this.closed = true;
    if (!this.body || !this.upload) return;
    this.body.destroy(new Error(`upload of ${this.key} aborted`));
    await this.upload.catch(() => undefined);
  }

  private start(): PassThrough {
    if (this.body) return this.body;
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    this.body = body;
    // The store may not be reading yet when abort destroys the body; its error reaches callers through `upload`.
    body.on('error', () => undefined);
    this.upload = this.store.put(this.key, body, { contentType: this.contentType });
    // A failed upload stops reading; destroying the body makes a waiting write reject instead of hang.
    this.upload.catch((error: unknown) => body.destroy(error as Error));
    return body;
  }
}
