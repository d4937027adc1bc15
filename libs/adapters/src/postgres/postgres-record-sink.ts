import type { PoolClient } from 'pg';
import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import { RecordSink, type SinkTarget, type SinkWriter } from '@pipeline/domain/ports/row-sinks.js';
import { CopyRowLoader } from './copy-row-loader.js';
import { detectCapabilities, type PostgresCapabilities } from './postgres-capabilities.js';
import { toPortError } from './postgres-errors.js';
import { PostgresSinkWriter } from './postgres-sink-writer.js';
import type { SqlDatabase } from './sql-database.js';
import { UnnestRowLoader } from './unnest-row-loader.js';

export interface PostgresRecordSinkOptions {
  /** COPY FROM STDIN (true) or batched INSERT … unnest (false); detected from the server when omitted. */
  readonly supportsCopy?: boolean;
  /** Rows per INSERT on the unnest path (default 5000). */
  readonly batchSize?: number;
  /** Merge the GIN index's pending list after each commit; detected (PGlite, which has no autovacuum to do it) when omitted. */
  readonly mergePendingIndexEntries?: boolean;
}

/**
 * The GIN index on `data` keeps new entries in a pending list (see its migration: merging during COPY cost
 * 4× the load time); on a server autovacuum merges them. PGlite has no autovacuum, so without this every
 * jsonb filter would scan an ever-growing list.
 */
const MERGE_PENDING = "SELECT gin_clean_pending_list('processed_data_data_gin'::regclass)";

/**
 * Rows into `processed_data`, one transaction per ingestion on a dedicated pooled connection:
 * the ingestion's earlier rows are deleted first, so committing again replaces them.
 * On PGlite the open transaction holds the whole database until commit/abort (it runs one
 * transaction at a time): do not await other queries of the same process between open and commit.
 */
export class PostgresRecordSink extends RecordSink {
  private capabilities: Promise<PostgresCapabilities> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: PostgresRecordSinkOptions = {},
  ) {
    super();
  }

  async open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>> {
    const caps = await this.detect();
    const useCopy = this.options.supportsCopy ?? caps.supportsCopy;
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM processed_data WHERE ingestion_id = $1', [target.ingestionId]);
    } catch (error) {
      client.release(error as Error);
      throw toPortError(error, `opening processed_data for ${target.ingestionId}`);
    }
    const loader = useCopy ? new CopyRowLoader(client, target) : new UnnestRowLoader(client, target, this.options.batchSize ?? 5000);
    const afterCommit = (this.options.mergePendingIndexEntries ?? caps.pglite) ? MERGE_PENDING : undefined;
    return new PostgresSinkWriter(client, loader, target.ingestionId, afterCommit);
  }

  private detect(): Promise<PostgresCapabilities> {
    const { supportsCopy, mergePendingIndexEntries } = this.options;
    if (supportsCopy !== undefined && mergePendingIndexEntries !== undefined) return Promise.resolve({ pglite: false, supportsCopy });
    this.capabilities ??= detectCapabilities(this.db).catch((error: unknown) => {
      this.capabilities = undefined;
      throw toPortError(error, 'detecting server capabilities');
    });
    return this.capabilities;
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.db.connect();
    } catch (error) {
      throw toPortError(error, 'connecting for processed_data');
    }
  }
}
