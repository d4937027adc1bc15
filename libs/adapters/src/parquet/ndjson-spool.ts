import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { writeChunk } from '../jsonl/write-chunk.js';

export interface SpoolPart {
  readonly path: string;
  readonly rows: number;
}

/**
 * NDJSON on local disk, one file per `rowsPerPart` rows, so each part becomes one Parquet file and
 * memory stays bounded whatever the ingestion's size. Rows arrive as already-serialised JSON.
 */
export class NdjsonSpool {
  private readonly parts: SpoolPart[] = [];
  private current?: { path: string; rows: number; stream: WriteStream };

  constructor(
    private readonly dir: string,
    private readonly rowsPerPart: number,
  ) {}

  /** Appends rows (each one JSON object text without newlines), waiting for the disk when needed. */
  async append(lines: readonly string[]): Promise<void> {
    let offset = 0;
    while (offset < lines.length) {
      const part = this.current ?? this.startPart();
      const take = Math.min(lines.length - offset, this.rowsPerPart - part.rows);
      await writeChunk(part.stream, lines.slice(offset, offset + take).join('\n') + '\n');
      part.rows += take;
      offset += take;
      if (part.rows === this.rowsPerPart) await this.closePart();
    }
  }

  /** Flushes and closes the spool; returns its parts in order. */
  async finish(): Promise<readonly SpoolPart[]> {
    await this.closePart();
    return this.parts;
  }

  /** Closes any open file without waiting for it to flush; the caller removes the folder. */
  async destroy(): Promise<void> {
    const open = this.current;
    this.current = undefined;
    if (!open) return;
    open.stream.destroy();
    await finished(open.stream).catch(() => undefined);
  }

  private startPart(): { path: string; rows: number; stream: WriteStream } {
    const partPath = path.join(this.dir, `spool-${String(this.parts.length + 1).padStart(5, '0')}.ndjson`);
    this.current = { path: partPath, rows: 0, stream: createWriteStream(partPath, { flags: 'wx', highWaterMark: 1 << 20 }) };
    return this.current;
  }

  private async closePart(): Promise<void> {
    const open = this.current;
    if (!open) return;
    this.current = undefined;
    open.stream.end();
    await finished(open.stream);
    this.parts.push({ path: open.path, rows: open.rows });
  }
}
