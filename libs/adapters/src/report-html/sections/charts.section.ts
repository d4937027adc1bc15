import type { DatasetReport } from '@pipeline/domain/reports/daily-report.js';
import { barChart } from '../charts/bar-chart.svg.js';
import { count } from '../report-format.js';
import { PALETTE } from '../report-palette.js';
import { heading } from '../report-table.js';
import { html, type SafeHtml } from '../safe-html.js';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

function legend(items: readonly (readonly [string, string])[]): SafeHtml {
  return html`<div style="font-size:12px;color:${PALETTE.muted};margin:4px 0 16px">
    ${items.map(
      ([name, color]) =>
        html`<span style="display:inline-block;margin-right:14px"
          ><span style="display:inline-block;width:10px;height:10px;background:${color};margin-right:4px;vertical-align:middle"></span
          >${name}</span
        >`,
    )}
  </div>`;
}

function figure(title: string, chart: SafeHtml, caption: SafeHtml): SafeHtml {
  return html`<figure style="margin:0 0 8px">
    ${heading(3, title)}${chart}
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** The three charts: records per hour, processing latency, 7-day volume. `scope` picks whose. */
export function chartsSection(scope: DatasetReport): SafeHtml {
  const byHour = scope.recordsByHour;
  const perHour = figure(
    'Records per hour (UTC): valid vs quarantined',
    barChart({
      title: 'Records per hour, valid vs quarantined',
      labels: HOURS,
      labelEvery: 3,
      series: [
        { name: 'valid', color: PALETTE.valid, values: byHour.valid },
        { name: 'quarantined', color: PALETTE.quarantined, values: byHour.quarantined },
      ],
    }),
    legend([
      ['valid (stored rows)', PALETTE.valid],
      ['quarantined', PALETTE.quarantined],
    ]),
  );
  const latency = figure(
    'Processing latency distribution',
    barChart({
      title: 'Processing attempts by duration',
      labels: scope.latency.histogram.map((b) => b.label),
      series: [{ name: 'attempts', color: PALETTE.highlight, values: scope.latency.histogram.map((b) => b.count) }],
      height: 180,
    }),
    legend([[`${count(scope.latency.count)} finished attempts`, PALETTE.highlight]]),
  );
  const history = scope.volume.history;
  const volume = figure(
    'Volume, last 8 days (records in)',
    barChart({
      title: 'Records in per day, last 8 days',
      labels: history.map((d) => d.date.slice(5)),
      series: [
        { name: 'previous days', color: PALETTE.neutral, values: history.map((d, i) => (i < history.length - 1 ? d.records : 0)) },
        { name: 'report day', color: PALETTE.valid, values: history.map((d, i) => (i === history.length - 1 ? d.records : 0)) },
      ],
      reference: { value: scope.volume.previous7DayAverage, label: `7-day avg ${count(scope.volume.previous7DayAverage)}` },
      height: 180,
    }),
    legend([
      ['previous days', PALETTE.neutral],
      ['report day', PALETTE.valid],
    ]),
  );
  return html`${perHour}${latency}${volume}`;
}
