import type { RecordsSelectionInput } from '../records-selection.js';

/** How many processed records match a selection (a full count: ask only when it is needed). */
export class CountProcessedRecords {
  constructor(readonly selection: RecordsSelectionInput) {}
}
