import type { RecordsSelectionInput } from '../records-selection.js';

/** Default page size when a client does not say; the largest one it may ask for is MAX_RECORDS_PAGE. */
export const DEFAULT_RECORDS_PAGE = 100;
export const MAX_RECORDS_PAGE = 1000;

/** One page of processed records, behind `after` (a cursor from an earlier page). */
export class QueryProcessedRecords {
  constructor(
    readonly selection: RecordsSelectionInput,
    readonly first: number = DEFAULT_RECORDS_PAGE,
    readonly after?: string | null,
  ) {}
}
