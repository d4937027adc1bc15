import type { PoolClient } from 'pg';
import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';
import type { SinkTarget } from '@pipeline/domain/ports/row-sinks.js';
import { processedDataColumns } from './processed-data-copy-text.js';
import type { RowLoader } from './row-loader.js';

const insertBatch = `
  INSERT INTO processed_data ${processedDataColumns}
  SELECT $1, $2, u.row_number, u.record_key, u.data::jsonb, $3::timestamptz
  FROM unnest($4::int[], $5::text[], $6::text[]) AS u(row_number, record_key, data)`;

/**
 * Batched `INSERT … SELECT FROM unnest(…)`, for servers where COPY FROM STDIN does not work (PGlite
 * behind pglite-socket). Batches bound the memory PGlite needs per statement.
 */
export class UnnestRowLoader implements RowLoader {
  private pending: ProcessedRow[] = [];

  constructor(
    private readonly client: PoolClient,
    private readonly target: SinkTarget,
    private readonly batchSize: number,
  ) {}

  async load(rows: readonly ProcessedRow[]): Promise<void> {
    for (const row of rows) {
      this.pending.push(row);
      if (this.pending.length >= this.batchSize) await this.flush();
    }
  }

  async finish(): Promise<void> {
    await this.flush();
  }

  async cancel(): Promise<void> {
    this.pending = [];
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const { dataset, ingestionId, ingestedAt } = this.target;
    await this.client.query(insertBatch, [
      dataset,
      ingestionId,
      ingestedAt,
      batch.map((r) => r.rowNumber),
      batch.map((r) => r.recordKey),
      batch.map((r) => r.dataJson),
    ]);
  }
}
