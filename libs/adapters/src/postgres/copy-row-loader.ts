import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';
import { processedDataColumns, toCopyTextLines } from './processed-data-copy-text.js';
import type { RowLoader } from './row-loader.js';

/** How far the pipeline may run ahead of the server (bounded memory, overlap of the two cores). */
const COPY_BUFFER_BYTES = 8 * 1024 * 1024;

/** Streams rows into one `COPY processed_data … FROM STDIN (FORMAT text)`, waiting for the socket to drain. */
export class CopyRowLoader implements RowLoader {
  private readonly stream: CopyStreamQuery;
  private failure: Error | undefined;

  constructor(
    client: PoolClient,
    private readonly target: SinkTarget,
  ) {
    this.stream = client.query(copyFrom(`COPY processed_data ${processedDataColumns} FROM STDIN WITH (FORMAT text)`));
    // The server reports a bad row asynchronously; remember it for the next write or finish.
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async load(rows: readonly ProcessedRow[]): Promise<void> {
    this.throwIfFailed();
    if (rows.length === 0) return;
    this.stream.write(toCopyTextLines(this.target, rows));
    // Let a few MB queue up before waiting, so decoding the next batches overlaps with the server's work.
    if (this.stream.writableLength > COPY_BUFFER_BYTES) await this.drained();
    this.throwIfFailed();
  }

  async finish(): Promise<void> {
    this.throwIfFailed();
    this.stream.end();
    await finished(this.stream);
    this.throwIfFailed();
  }

  async cancel(): Promise<void> {
    if (this.failure || this.stream.writableFinished || this.stream.destroyed) return;
    // destroy() sends CopyFail; the server answers with an error and the connection is usable again.
    this.stream.destroy(new Error('processed_data load aborted'));
    await finished(this.stream).catch(() => undefined);
  }

  private async drained(): Promise<void> {
    const controller = new AbortController();
    const failed = once(this.stream, 'error', { signal: controller.signal });
    try {
      await Promise.race([once(this.stream, 'drain', { signal: controller.signal }), failed]);
    } catch (error) {
      this.failure ??= error as Error;
    } finally {
      controller.abort();
      failed.catch(() => undefined);
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
