import type { IngestionActivity } from '../reports/ingestion-activity.js';

/** The `ingestion_activity` read model the daily report aggregates over. */
export abstract class IngestionActivityLog {
  /** Upserts by (ingestionId, version): recording an activity twice changes nothing. @example await log.record(ingestionActivityOf(events)) */
  abstract record(activities: readonly IngestionActivity[]): Promise<void>;
}
