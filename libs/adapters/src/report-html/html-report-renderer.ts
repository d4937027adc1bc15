import { Injectable } from '@nestjs/common';
import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import { reportArtefactKeys } from '@pipeline/domain/reports/report-history-entry.js';
import { ReportRenderer } from '@pipeline/domain/ports/report-renderer.js';
import { PALETTE } from './report-palette.js';
import { html, SafeHtml } from './safe-html.js';
import { alarmsSection } from './sections/alarms.section.js';
import { datasetSection } from './sections/dataset.section.js';
import { summarySection } from './sections/summary.section.js';

// Nothing may load: no scripts, no fonts, no images from anywhere. Inline styles and inline SVG only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

// Only progressive tweaks live here: clients that strip <style> still get the inline styles.
const STYLE = `body{margin:0}a{color:${PALETTE.highlight}}@media (max-width:520px){h1{font-size:20px!important}td,th{font-size:13px!important}}@media print{section{break-inside:avoid}}`;

/** The daily report as one self-contained HTML file: readable in a browser, on a phone and in an e-mail client. */
@Injectable()
export class HtmlReportRenderer extends ReportRenderer {
  renderHtml(report: DailyReport): string {
    const sectionId = (i: number) => `dataset-${i + 1}`;
    const contents = report.datasets.length
      ? html`<nav style="font-size:14px;margin:12px 0">
          Datasets: ${report.datasets.map((d, i) => html`${i ? ' · ' : ''}<a href="#${sectionId(i)}">${d.dataset ?? ''}</a>`)}
        </nav>`
      : html`<p style="font-size:14px;color:${PALETTE.muted}">No dataset had activity on this day or the seven days before.</p>`;
    const body = html`${summarySection(report)}${contents}${alarmsSection(report)} ${datasetSection(report.total, 'all-datasets')}
    ${report.datasets.map((d, i) => datasetSection(d, sectionId(i)))} ${footer(report)}`;
    return page(`Daily pipeline report ${report.date}`, body).value;
  }
}

function footer(report: DailyReport): SafeHtml {
  const keys = reportArtefactKeys(report.date);
  return html`<footer style="margin-top:32px;padding-top:12px;border-top:1px solid ${PALETTE.border};font-size:12px;color:${PALETTE.muted}">
    Every number above is also in <code>${keys.json}</code>. Days are UTC. Latency is the processing time of one attempt (start to outcome).
    Alarm hours: green OK, red ALARM, grey no data.
  </footer>`;
}

function page(title: string, body: SafeHtml): SafeHtml {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <meta name="color-scheme" content="light" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body
        style="margin:0;background:#ffffff;color:${PALETTE.text};font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.4"
      >
        <div style="max-width:760px;margin:0 auto;padding:16px">${body}</div>
      </body>
    </html> `;
}
