import type { Pool, PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import { RecordSink, type SinkTarget, type SinkWriter } from '@pipeline/domain/ports/row-sinks.js';
import { CopyRowLoader } from './copy-row-loader.js';
import { detectCapabilities } from './postgres-capabilities.js';
import { toPortError } from './postgres-errors.js';
import { PostgresSinkWriter } from './postgres-sink-writer.js';
import { UnnestRowLoader } from './unnest-row-loader.js';

export interface PostgresRecordSinkOptions {
  /** COPY FROM STDIN (true) or batched INSERT … unnest (false); detected from the server when omitted. */
  readonly supportsCopy?: boolean;
  /** Rows per INSERT on the unnest path (default 5000). */
  readonly batchSize?: number;
}

/**
 * Rows into `processed_data`, one transaction per ingestion on a dedicated pooled connection:
 * the ingestion's earlier rows are deleted first, so committing again replaces them.
 * On PGlite the open transaction holds the whole database until commit/abort (it runs one
 * transaction at a time): do not await other queries of the same process between open and commit.
 */
export class PostgresRecordSink extends RecordSink {
  private copyDecision: Promise<boolean> | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly options: PostgresRecordSinkOptions = {},
  ) {
    super();
  }

  async open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>> {
    const useCopy = await this.useCopy();
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM processed_data WHERE ingestion_id = $1', [target.ingestionId]);
    } catch (error) {
      client.release(error as Error);
      throw toPortError(error, `opening processed_data for ${target.ingestionId}`);
    }
    const loader = useCopy ? new CopyRowLoader(client, target) : new UnnestRowLoader(client, target, this.options.batchSize ?? 5000);
    return new PostgresSinkWriter(client, loader, target.ingestionId);
  }

  private useCopy(): Promise<boolean> {
    if (this.options.supportsCopy !== undefined) return Promise.resolve(this.options.supportsCopy);
    this.copyDecision ??= detectCapabilities(this.ds).then(
      (caps) => caps.supportsCopy,
      (error) => {
        this.copyDecision = undefined;
        throw toPortError(error, 'detecting server capabilities');
      },
    );
    return this.copyDecision;
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await (this.ds.driver as unknown as { master: Pool }).master.connect();
    } catch (error) {
      throw toPortError(error, 'connecting for processed_data');
    }
  }
}
