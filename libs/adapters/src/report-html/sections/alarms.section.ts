import type { AlarmReport, DailyReport } from '@pipeline/domain/reports/daily-report.js';
import { alarmTimeline } from '../charts/alarm-timeline.svg.js';
import { count, duration, percent } from '../report-format.js';
import { PALETTE } from '../report-palette.js';
import { badge, heading } from '../report-table.js';
import { html, type SafeHtml } from '../safe-html.js';

function value(alarm: AlarmReport, v: number | null): string {
  if (v === null) return '–';
  switch (alarm.unit) {
    case 'ratio':
      return percent(v, 2);
    case 'milliseconds':
      return duration(v);
    case 'seconds':
      return duration(v * 1000);
    default:
      return count(v);
  }
}

const CELL = `padding:8px 8px 2px;font-size:14px;vertical-align:top`;

function alarmRows(a: AlarmReport): SafeHtml {
  return html`<tr>
      <td style="${CELL}">
        <strong>${a.name}</strong>
        <div style="font-size:12px;color:${PALETTE.muted}">${a.description}</div>
      </td>
      <td style="${CELL};text-align:right;white-space:nowrap">
        ${badge(a.state)}
        <div style="font-size:12px;color:${PALETTE.muted};margin-top:2px">
          threshold &gt; ${value(a, a.threshold)}<br />worst hour ${value(a, a.worstValue)}<br />${a.hoursInAlarm} h in alarm
        </div>
      </td>
    </tr>
    <tr>
      <td colspan="2" style="padding:2px 8px 10px;border-bottom:1px solid ${PALETTE.grid}">
        ${alarmTimeline(a.name, a.hours)}
        <div style="display:flex;justify-content:space-between;max-width:480px;font-size:11px;color:${PALETTE.muted}">
          <span>00</span><span>06</span><span>12</span><span>18</span><span>24 UTC</span>
        </div>
      </td>
    </tr>`;
}

/** Each of the seed's alarms: state over the day, threshold, worst hourly value, and an hour-by-hour strip. */
export function alarmsSection(report: DailyReport): SafeHtml {
  return html`${heading(2, 'Alarms', 'alarms')}
    <table role="table" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0 16px">
      <tbody>
        ${report.alarms.map(alarmRows)}
      </tbody>
    </table>`;
}
