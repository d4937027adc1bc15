import type { ReportHistoryEntry } from '../reports/report-history-entry.js';

/** The report history read model (`reports` table locally, REPORT_HISTORY_TABLE in DynamoDB on AWS). */
export abstract class ReportHistory {
  /** Stores a generated version; storing the same (date, version) again is a no-op. @example await history.recordGenerated(entry) */
  abstract recordGenerated(entry: ReportHistoryEntry): Promise<void>;
  /** Adds delivery results to a stored version (replacing earlier ones for it). */
  abstract recordDelivery(
    date: string,
    version: number,
    delivery: { deliveredTo: readonly string[]; failedDeliveries: ReportHistoryEntry['failedDeliveries']; deliveredAt: string },
  ): Promise<void>;
  /** The newest version of a day, or a given version; null when there is none. @example await history.get('2026-11-25') */
  abstract get(date: string, version?: number): Promise<ReportHistoryEntry | null>;
  /** Every version of a day, newest first. */
  abstract versions(date: string): Promise<ReportHistoryEntry[]>;
  /** The newest version of each day in [from, to] (inclusive dates), newest day first, at most `limit`. */
  abstract list(from: string, to: string, limit: number): Promise<ReportHistoryEntry[]>;
}
