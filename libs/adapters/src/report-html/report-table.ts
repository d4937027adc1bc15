import { PALETTE } from './report-palette.js';
import { html, type SafeHtml } from './safe-html.js';

type Cell = SafeHtml | string | number;

const TH = `text-align:left;padding:6px 8px;border-bottom:2px solid ${PALETTE.border};font-size:13px;color:${PALETTE.muted};white-space:nowrap`;
const TD = `padding:6px 8px;border-bottom:1px solid ${PALETTE.grid};font-size:14px;vertical-align:top`;

/**
 * A table with inline styles (e-mail clients drop most <style> rules), wrapped so it scrolls
 * sideways on a narrow screen instead of squeezing. `numeric` columns are right-aligned.
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  numeric: readonly number[] = [],
  empty = 'none',
): SafeHtml {
  const align = (i: number) => (numeric.includes(i) ? 'text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;' : '');
  const head = headers.map((h, i) => html`<th style="${TH};${align(i)}">${h}</th>`);
  const body = rows.length
    ? rows.map(
        (r) =>
          html`<tr>
            ${r.map((c, i) => html`<td style="${TD};${align(i)}">${c}</td>`)}
          </tr>`,
      )
    : html`<tr>
        <td colspan="${headers.length}" style="${TD};color:${PALETTE.muted}">${empty}</td>
      </tr>`;
  return html`<div style="overflow-x:auto;-webkit-overflow-scrolling:touch;margin:8px 0 16px">
    <table role="table" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;min-width:320px">
      <thead>
        <tr>
          ${head}
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}

/** Label/value pairs as a two-column table; values wrap so a phone shows them without scrolling. */
export function facts(pairs: readonly (readonly [string, Cell])[]): SafeHtml {
  const rows = pairs.map(
    ([k, v]) =>
      html`<tr>
        <th scope="row" style="${TD};text-align:left;font-weight:normal;color:${PALETTE.muted};width:42%">${k}</th>
        <td style="${TD};text-align:right;font-variant-numeric:tabular-nums">${v}</td>
      </tr>`,
  );
  return html`<table role="table" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:8px 0 16px">
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function heading(level: 2 | 3, text: string, id?: string): SafeHtml {
  const size = level === 2 ? 20 : 16;
  return html`<h${level} ${id ? html`id="${id}"` : ''} style="font-size:${size}px;margin:24px 0 8px;color:${PALETTE.text}">${text}</h${level}>`;
}

const BADGE: Readonly<Record<string, readonly [string, string]>> = {
  OK: [PALETTE.ok, PALETTE.okBg],
  NORMAL: [PALETTE.ok, PALETTE.okBg],
  ALARM: [PALETTE.alarm, PALETTE.alarmBg],
  HIGH: [PALETTE.alarm, PALETTE.alarmBg],
  LOW: [PALETTE.alarm, PALETTE.alarmBg],
  STALE: [PALETTE.alarm, PALETTE.alarmBg],
  FRESH: [PALETTE.ok, PALETTE.okBg],
};

/** A state label; colour is never the only signal (the word is always there). */
export function badge(state: string): SafeHtml {
  const [fg, bg] = BADGE[state] ?? [PALETTE.noData, PALETTE.noDataBg];
  return html`<span
    style="display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:${fg};background:${bg};border:1px solid ${fg}"
    >${state.replace(/_/g, ' ')}</span
  >`;
}
