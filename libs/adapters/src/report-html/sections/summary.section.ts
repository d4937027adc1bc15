import type { DailyReport } from '@pipeline/domain/reports/daily-report.js';
import { count, utc } from '../report-format.js';
import { PALETTE } from '../report-palette.js';
import { html, type SafeHtml } from '../safe-html.js';

function tile(label: string, value: string, note?: string): SafeHtml {
  return html`<td style="padding:4px;width:33%;vertical-align:top">
    <div style="border:1px solid ${PALETTE.border};border-radius:8px;padding:10px 12px">
      <div style="font-size:12px;color:${PALETTE.muted}">${label}</div>
      <div style="font-size:22px;font-weight:700;color:${PALETTE.text}">${value}</div>
      ${note ? html`<div style="font-size:12px;color:${PALETTE.muted}">${note}</div>` : ''}
    </div>
  </td>`;
}

/** Title, the day and version, and the headline numbers as tiles (two rows of three: fits a phone). */
export function summarySection(report: DailyReport): SafeHtml {
  const { ingestions: i, records: r } = report.total;
  const inAlarm = report.alarms.filter((a) => a.state === 'ALARM').length;
  return html`<header style="margin-bottom:12px">
      <h1 style="font-size:24px;margin:0 0 4px;color:${PALETTE.text}">Daily pipeline report — ${report.date}</h1>
      <div style="font-size:13px;color:${PALETTE.muted}">
        UTC day ${utc(report.window.from)} – ${utc(report.window.to)} · version ${report.version} · generated ${utc(report.generatedAt)} ·
        ${report.environment}
      </div>
    </header>
    <table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:separate;margin:8px 0">
      <tr>
        ${tile('Records in', count(r.in))}${tile('Valid', count(r.valid), `${count(r.warned)} warned`)}${tile('Quarantined', count(r.quarantined), `${count(r.rejected)} in rejected inputs`)}
      </tr>
      <tr>
        ${tile('Ingestions', count(i.started), `${count(i.completed)} completed · ${count(i.rejected)} rejected`)}${tile('Dead letters now', count(report.deadLetters.depthAtReportTime), `${count(i.deadLettered)} dead-lettered today`)}${tile('Alarms', inAlarm ? `${inAlarm} in alarm` : 'all OK', `${report.alarms.length} checked`)}
      </tr>
    </table>`;
}
