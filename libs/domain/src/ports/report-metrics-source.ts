import type { ReportWindow } from '../reports/report-date.js';
import type { ReportFacts } from '../reports/report-facts.js';

/**
 * The daily report's numbers, aggregated where the data lives (SQL over processed_data and the
 * read models): never the day's rows in memory. Transient failures throw UnavailableError.
 */
export abstract class ReportMetricsSource {
  /**
   * Facts for one UTC day; `reportTime` bounds "now" (freshness, the dead-letter history).
   * @example const facts = await source.collect(reportWindow('2026-11-25', now), now.toISOString())
   */
  abstract collect(window: ReportWindow, reportTime: string): Promise<ReportFacts>;
}
