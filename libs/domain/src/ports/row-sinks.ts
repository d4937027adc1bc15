import type { FieldSpec } from '../contract/data-contract.js';
import type { ProcessedRow, QuarantinedRow, SinkResult } from '../records/processed-row.js';

/** Everything a sink needs to know about the ingestion it is writing. */
export interface SinkTarget {
  readonly ingestionId: string;
  readonly dataset: string;
  /** YYYY-MM-DD (UTC) for the Hive partition. */
  readonly ingestDate: string;
  /** ISO-8601 UTC. */
  readonly ingestedAt: string;
  /** Contract fields then lineage fields, in column order. */
  readonly columns: readonly FieldSpec[];
}

/**
 * One open write for one ingestion. Nothing becomes visible before `commit`;
 * `abort` leaves no trace. Committing the same ingestion again replaces what the
 * previous commit wrote (idempotent re-processing).
 */
export interface SinkWriter<Row> {
  write(rows: readonly Row[]): Promise<void>;
  commit(): Promise<SinkResult>;
  abort(): Promise<void>;
}

/** Rows into PostgreSQL `processed_data` (COPY on a real server). */
export abstract class RecordSink {
  /** @example const w = await sink.open(target); await w.write(rows); await w.commit() */
  abstract open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>>;
}

/** Columnar files (Parquet): `processed/dataset=<d>/ingest_date=<day>/<ingestionId>[-partN].parquet`. */
export abstract class ColumnarWriter {
  abstract open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>>;
}

/** JSON Lines: `processed/dataset=<d>/ingest_date=<day>/<ingestionId>.jsonl`. */
export abstract class JsonLinesWriter {
  abstract open(target: SinkTarget): Promise<SinkWriter<ProcessedRow>>;
}

/** Rejected records with reasons: `quarantine/dataset=<d>/<ingestionId>.rejected.jsonl`. */
export abstract class QuarantineWriter {
  abstract open(target: SinkTarget): Promise<SinkWriter<QuarantinedRow>>;
}
