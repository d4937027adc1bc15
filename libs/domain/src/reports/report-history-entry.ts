import type { ReportSummary } from './report-summary.js';

/** One generated version of one day's report: the report history read model's row. */
export interface ReportHistoryEntry {
  readonly date: string;
  readonly version: number;
  readonly generatedAt: string;
  readonly artefactKeys: readonly string[];
  readonly summary: ReportSummary;
  /** Subscriptions this version reached, and those it gave up on. Empty until delivered. */
  readonly deliveredTo: readonly string[];
  readonly failedDeliveries: readonly { readonly subscriptionId: string; readonly error: string }[];
  readonly deliveredAt: string | null;
}

/** Where a day's artefacts live in the reports store. */
export const reportArtefactKeys = (date: string): { readonly html: string; readonly json: string } => ({
  html: `reports/${date}/daily_report.html`,
  json: `reports/${date}/daily_report.json`,
});
