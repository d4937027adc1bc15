import type { QueryConfig } from 'pg';
import pg from 'pg';
import {
  ProcessedRecordsReader,
  type ProcessedRecord,
  type ProcessedRecordsPage,
  type ProcessedRecordsSelection,
} from '@pipeline/domain/ports/processed-records-reader.js';
import { JsonText } from '@pipeline/domain/records/json-text.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';
import { decodeRecordCursor, encodeRecordCursor } from './record-cursor.js';
import { afterCondition, selectionConditions, SqlParams } from './processed-records-sql.js';

/** A page row as pg returns it with rowMode 'array': dataset, ingestion_id, row_number, at, data. */
type RecordRow = [string, string, number, string, JsonText];

const JSONB_OID = 3802;
/** pg's parsers, except that jsonb stays text: the API copies it into its answer instead of parsing and re-serialising every record. */
const JSONB_AS_TEXT = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === JSONB_OID ? (text: string) => new JsonText(text) : pg.types.getTypeParser(oid, format),
} as QueryConfig['types'];

// Microsecond UTC text: exact enough to resume behind a row whatever the session time zone.
const AT_TEXT = `to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `processed_data` in keyset order. Listing a dataset walks the index
 * (dataset, ingested_at, ingestion_id, row_number); listing one ingestion walks its unique
 * (ingestion_id, row_number) index. New rows carry a newer ingested_at, so they land behind every
 * cursor a client already holds: paging is stable while ingestions run. A record's `data` is a
 * JsonText (the jsonb as PostgreSQL sent it; `value()` parses it).
 */
export class PostgresProcessedRecordsReader extends ProcessedRecordsReader {
  constructor(private readonly db: SqlDatabase) {
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
    const rows = await this.pageRows(sql, params.values, `reading processed records of ${selection.dataset}`);
    const records = new Array<ProcessedRecord>(Math.min(rows.length, options.first));
    for (let i = 0; i < records.length; i++) records[i] = toRecord(rows[i], millisecondTime(rows, records, i));
    return { records, hasNextPage: rows.length > options.first };
  }

  async count(selection: ProcessedRecordsSelection): Promise<number> {
    const params = new SqlParams();
    const sql = `SELECT count(*)::bigint AS n FROM processed_data WHERE ${selectionConditions(selection, params).join(' AND ')}`;
    const [row] = await this.query<{ n: string }>(sql, params.values, `counting processed records of ${selection.dataset}`);
    return Number(row.n);
  }

  /** A pg QueryConfig (per-query type parsers), rows as arrays: no object with five keys per row. */
  private async pageRows(sql: string, params: unknown[], doing: string): Promise<RecordRow[]> {
    try {
      const config = { text: sql, values: params, rowMode: 'array' as const, types: JSONB_AS_TEXT };
      return await this.db.queryConfig<RecordRow>(config);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }

  private async query<T>(sql: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

function toRecord([dataset, ingestionId, rowNumber, at, data]: RecordRow, ingestedAt: string): ProcessedRecord {
  return { dataset, ingestionId, rowNumber, ingestedAt, data, cursor: encodeRecordCursor({ ingestedAt: at, ingestionId, rowNumber }) };
}

/** The millisecond form of a row's time; rows of one ingestion mostly share it, so a run reuses the one made for its first row. */
const millisecondTime = (rows: readonly RecordRow[], records: readonly ProcessedRecord[], i: number): string =>
  i > 0 && rows[i - 1][3] === rows[i][3] ? records[i - 1].ingestedAt : `${rows[i][3].slice(0, 23)}Z`;
