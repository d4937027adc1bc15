import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';

/** The newest version of each day's report in [from, to] (inclusive), newest day first. */
export class ListReports {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly limit = 100,
  ) {}
}

export interface ReportListItem {
  readonly entry: ReportHistoryEntry;
  readonly links: { readonly html: string; readonly json: string };
}
