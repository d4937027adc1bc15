import type { DailyReport } from '../reports/daily-report.js';

/** Renders the report as one self-contained HTML document (inline CSS and SVG, no external assets). */
export abstract class ReportRenderer {
  /** @example await store.put(keys.html, renderer.renderHtml(report), { contentType: 'text/html; charset=utf-8' }) */
  abstract renderHtml(report: DailyReport): string;
}
