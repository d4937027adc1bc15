import type { Notification } from '@pipeline/domain/ports/notifier.js';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';
import { summarySubject, summaryText } from '@pipeline/domain/reports/report-summary.js';

export interface ReportLinks {
  readonly html: string;
  readonly json: string;
}

/**
 * What subscribers receive. The webhook body (`json`) is the contract for receivers:
 * `{ type: 'daily_report', date, version, generatedAt, summary, links: { html, json } }`.
 */
export function reportNotification(entry: ReportHistoryEntry, links: ReportLinks, html: string | undefined): Notification {
  return {
    subject: summarySubject(entry.summary),
    text: summaryText(entry.summary, links),
    json: { type: 'daily_report', date: entry.date, version: entry.version, generatedAt: entry.generatedAt, summary: entry.summary, links },
    ...(html === undefined ? {} : { html }),
  };
}
