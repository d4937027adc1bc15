/** A record as read from the source, before transforms: field name → raw value. */
export type RawRecord = Record<string, unknown>;

/** A record after transforms and checks, ready for the sinks. */
export interface ProcessedRow {
  /** 1-based record number in the source (lineage `_row`). */
  readonly rowNumber: number;
  /** Primary key values joined (JSON array text), or null when the contract has no primary key. */
  readonly recordKey: string | null;
  /** Typed values keyed by contract field name, lineage columns included. */
  readonly values: Readonly<Record<string, unknown>>;
  /** `values` serialised once as a JSON object, shared by every sink that needs text. */
  readonly json: string;
  /**
   * The record without its lineage fields, as JSON text. PostgreSQL keeps lineage in columns
   * (ingestion_id, row_number, ingested_at), so `processed_data.data` stores this: ~40 % fewer
   * bytes to COPY, parse and GIN-index per row than `json`.
   */
  readonly dataJson: string;
}

/** One failed check on one record. */
export interface Violation {
  readonly rule: string;
  readonly column?: string;
  readonly action: 'warn' | 'quarantine' | 'halt';
  readonly message: string;
}

/** A record diverted to quarantine, with where it came from and why. */
export interface QuarantinedRow {
  readonly rowNumber: number;
  /** Physical line in the source file where the record starts, when known. */
  readonly line?: number;
  readonly record: unknown;
  readonly reasons: readonly Violation[];
}

/** What one sink wrote for one ingestion. */
export interface SinkResult {
  readonly sink: 'postgres' | 'parquet' | 'jsonl' | 'quarantine';
  /** Object key(s) or table name. */
  readonly targets: readonly string[];
  readonly rows: number;
  readonly bytes: number;
}
