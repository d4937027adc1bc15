import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';
import type { DeliverReportResult } from '../deliver-report/deliver-report.command.js';

/**
 * Generates (or regenerates) one UTC day's report: aggregates in SQL, writes
 * `reports/<date>/daily_report.html` and `.json`, records ReportGenerated with the next version
 * and, unless `deliver` is false, sends it to every subscriber.
 * @example await commandBus.execute(new GenerateDailyReport('2026-11-25', 'cli'))
 * @example await commandBus.execute(new GenerateDailyReport()) // the previous UTC day, as the scheduler does
 */
export class GenerateDailyReport {
  constructor(
    /** YYYY-MM-DD; omitted means the UTC day before now. */
    readonly date?: string,
    readonly requestedBy: string = 'scheduler',
    readonly deliver: boolean = true,
  ) {}
}

export interface GenerateDailyReportResult {
  readonly date: string;
  readonly version: number;
  /** `reports/<date>/daily_report.html`, `reports/<date>/daily_report.json`. */
  readonly artefactKeys: readonly string[];
  /** The headline numbers (what ReportGenerated records). */
  readonly metrics: ReportSummary;
  /** The full report, exactly as in daily_report.json. */
  readonly report: DailyReport;
  /** Null when delivery was not asked for. */
  readonly delivery: DeliverReportResult | null;
}
