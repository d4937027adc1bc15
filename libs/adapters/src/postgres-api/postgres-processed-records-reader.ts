import { DataSource } from 'typeorm';
import {
  ProcessedRecordsReader,
  type ProcessedRecord,
  type ProcessedRecordsPage,
  type ProcessedRecordsSelection,
} from '@pipeline/domain/ports/processed-records-reader.js';
import { toPortError } from '../postgres/postgres-errors.js';
import { decodeRecordCursor, encodeRecordCursor } from './record-cursor.js';
import { afterCondition, selectionConditions, SqlParams } from './processed-records-sql.js';

interface RecordRow {
  dataset: string;
  ingestion_id: string;
  row_number: number;
  at: string;
  data: unknown;
}

// Microsecond UTC text: exact enough to resume behind a row whatever the session time zone.
const AT_TEXT = `to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `processed_data` in keyset order. Listing a dataset walks the index
 * (dataset, ingested_at, ingestion_id, row_number); listing one ingestion walks its unique
 * (ingestion_id, row_number) index. New rows carry a newer ingested_at, so they land behind every
 * cursor a client already holds: paging is stable while ingestions run.
 */
export class PostgresProcessedRecordsReader extends ProcessedRecordsReader {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async page(selection: ProcessedRecordsSelection, options: { first: number; after?: string }): Promise<ProcessedRecordsPage> {
    const params = new SqlParams();
    const byIngestion = selection.ingestionId !== undefined;
    const conditions = selectionConditions(selection, params);
    if (options.after !== undefined) conditions.push(afterCondition(decodeRecordCursor(options.after), byIngestion, params));
    const order = byIngestion ? 'ingestion_id, row_number' : 'ingested_at, ingestion_id, row_number';
    const sql =
      `SELECT dataset, ingestion_id, row_number, ${AT_TEXT} AS at, data FROM processed_data ` +
      `WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(options.first + 1)}`;
    const rows = await this.query<RecordRow>(sql, params.values, `reading processed records of ${selection.dataset}`);
    return { records: rows.slice(0, options.first).map(toRecord), hasNextPage: rows.length > options.first };
  }

  async count(selection: ProcessedRecordsSelection): Promise<number> {
    const params = new SqlParams();
    const sql = `SELECT count(*)::bigint AS n FROM processed_data WHERE ${selectionConditions(selection, params).join(' AND ')}`;
    const [row] = await this.query<{ n: string }>(sql, params.values, `counting processed records of ${selection.dataset}`);
    return Number(row.n);
  }

  private async query<T>(sql: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.ds.query(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

function toRecord(row: RecordRow): ProcessedRecord {
  return {
    dataset: row.dataset,
    ingestionId: row.ingestion_id,
    rowNumber: row.row_number,
    ingestedAt: `${row.at.slice(0, 23)}Z`,
    data: row.data,
    cursor: encodeRecordCursor({ ingestedAt: row.at, ingestionId: row.ingestion_id, rowNumber: row.row_number }),
  };
}
