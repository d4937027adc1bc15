import type { ProcessedRow } from '@pipeline/domain/records/processed-row.js';

/** One way of getting rows into `processed_data` inside an open transaction. */
export interface RowLoader {
  /** Sends (or buffers) rows; may wait for the server to catch up. */
  load(rows: readonly ProcessedRow[]): Promise<void>;
  /** Sends whatever is buffered and waits until the server has it all. */
  finish(): Promise<void>;
  /** Stops a load in progress so the transaction can be rolled back; never throws. */
  cancel(): Promise<void>;
}
