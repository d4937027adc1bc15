import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';

/** One day's report: the newest version unless `version` is given. @example await queryBus.execute(new GetReport('2026-11-25')) */
export class GetReport {
  constructor(
    readonly date: string,
    readonly version?: number,
  ) {}
}

export interface ReportDetails {
  readonly entry: ReportHistoryEntry;
  /** Every version of the day, newest first. */
  readonly versions: readonly number[];
  readonly links: { readonly html: string; readonly json: string };
  /** The full metrics from daily_report.json, or null when the artefact is gone (history outlives it). */
  readonly report: DailyReport | null;
}
