import type { RecordFilter } from '../records/record-filter.js';

/** Which processed records to read: one dataset, optionally one ingestion, a time window on `ingested_at` and filters. */
export interface ProcessedRecordsSelection {
  readonly dataset: string;
  readonly ingestionId?: string;
  /** ISO-8601 bounds on `ingested_at`: from inclusive, to exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly where: readonly RecordFilter[];
}

export interface ProcessedRecord {
  readonly dataset: string;
  readonly ingestionId: string;
  readonly rowNumber: number;
  readonly ingestedAt: string;
  readonly data: unknown;
  /** Opaque position of this record in the listing order; pass it as `after` to continue behind it. */
  readonly cursor: string;
}

export interface ProcessedRecordsPage {
  readonly records: readonly ProcessedRecord[];
  readonly hasNextPage: boolean;
}

/**
 * Reads `processed_data` in a stable order (ingested_at, ingestion_id, row_number), page by page
 * behind an opaque cursor, so rows ingested while a client pages never shift the pages it has yet
 * to read. Paths and values reach the database as parameters only. A malformed cursor throws
 * PortError INVALID_INPUT.
 */
export abstract class ProcessedRecordsReader {
  /** @example await reader.page({ dataset: 'orders', where: [] }, { first: 100 }) */
  abstract page(selection: ProcessedRecordsSelection, options: { first: number; after?: string }): Promise<ProcessedRecordsPage>;
  /** How many records match (costly on large datasets: only when a client asks). */
  abstract count(selection: ProcessedRecordsSelection): Promise<number>;
}
