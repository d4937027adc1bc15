import type { PoolClient } from 'pg';
import type { ProcessedRow, SinkResult } from '@pipeline/domain/records/processed-row.js';
import type { SinkWriter } from '@pipeline/domain/ports/row-sinks.js';
import { toPortError } from './postgres-errors.js';
import type { RowLoader } from './row-loader.js';

type WriterState = 'open' | 'committed' | 'aborted' | 'failed';

/** One ingestion's open transaction on `processed_data`; the loader decides how rows travel. */
export class PostgresSinkWriter implements SinkWriter<ProcessedRow> {
  private state: WriterState = 'open';
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly client: PoolClient,
    private readonly loader: RowLoader,
    private readonly ingestionId: string,
    /** Index maintenance run on the same connection once the rows are committed (PGlite: see PostgresRecordSink). */
    private readonly afterCommit?: string,
  ) {}

  async write(rows: readonly ProcessedRow[]): Promise<void> {
    this.assertOpen('write');
    try {
      await this.loader.load(rows);
    } catch (error) {
      throw await this.fail(error, 'writing');
    }
    this.rows += rows.length;
    for (const row of rows) this.bytes += Buffer.byteLength(row.dataJson);
  }

  /** Bytes are the UTF-8 size of the rows' JSON, the same whichever way the rows travelled. */
  async commit(): Promise<SinkResult> {
    this.assertOpen('commit');
    try {
      await this.loader.finish();
      await this.client.query('COMMIT');
    } catch (error) {
      throw await this.fail(error, 'committing');
    }
    this.state = 'committed';
    // Maintenance only: the rows are committed, and the next commit merges whatever this one leaves.
    if (this.afterCommit) await this.client.query(this.afterCommit).catch(() => undefined);
    this.client.release();
    return { sink: 'postgres', targets: ['processed_data'], rows: this.rows, bytes: this.bytes };
  }

  /** Leaves no trace and never throws: if a clean rollback fails, dropping the connection rolls back. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await this.rollback();
  }

  private async fail(error: unknown, doing: string): Promise<unknown> {
    this.state = 'failed';
    await this.rollback();
    return toPortError(error, `${doing} processed_data for ${this.ingestionId}`);
  }

  private async rollback(): Promise<void> {
    try {
      await this.loader.cancel();
      await this.client.query('ROLLBACK');
      this.client.release();
    } catch (error) {
      this.client.release(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private assertOpen(operation: string): void {
    if (this.state !== 'open') throw new Error(`cannot ${operation}: the processed_data writer for ${this.ingestionId} is ${this.state}`);
  }
}
