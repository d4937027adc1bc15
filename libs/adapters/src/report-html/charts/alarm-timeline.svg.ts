import type { AlarmState } from '@pipeline/domain/reports/daily-report.js';
import { PALETTE } from '../report-palette.js';
import { html, type SafeHtml } from '../safe-html.js';

const COLOR: Readonly<Record<AlarmState, string>> = { OK: '#68d391', ALARM: '#e53e3e', INSUFFICIENT_DATA: PALETTE.grid };

/** 24 cells, one per UTC hour, coloured by the alarm's state in that hour. */
export function alarmTimeline(name: string, hours: readonly AlarmState[]): SafeHtml {
  const cell = 20;
  const cells = hours.map(
    (state, h) =>
      html`<rect x="${h * cell + 1}" y="1" width="${cell - 2}" height="14" rx="2" fill="${COLOR[state]}"
        ><title>${String(h).padStart(2, '0')}:00 UTC ${state}</title></rect
      >`,
  );
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${24 * cell} 16"
    width="100%"
    height="16"
    role="img"
    aria-label="${name} by hour"
    style="display:block;max-width:${24 * cell}px;height:auto"
  >
    <title>${name} by hour (UTC)</title>
    ${cells}
  </svg>`;
}
