import { compact } from '../report-format.js';
import { PALETTE } from '../report-palette.js';
import { html, type SafeHtml } from '../safe-html.js';

export interface BarSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

export interface BarChartSpec {
  /** Accessible name, also shown as the SVG's <title>. */
  readonly title: string;
  readonly labels: readonly string[];
  /** Stacked bottom to top. */
  readonly series: readonly BarSeries[];
  /** Show every n-th x label (crowded axes). */
  readonly labelEvery?: number;
  /** A horizontal reference line, e.g. the 7-day average. */
  readonly reference?: { readonly value: number; readonly label: string };
  readonly height?: number;
}

const W = 640;
const PAD = { left: 44, right: 8, top: 14, bottom: 30 };

/** A stacked vertical bar chart as inline SVG: scales with its container, readable at phone width. */
export function barChart(spec: BarChartSpec): SafeHtml {
  const H = spec.height ?? 200;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const n = Math.max(spec.labels.length, 1);
  const totals = spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = niceCeiling(Math.max(1, ...totals, spec.reference?.value ?? 0));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const slot = plotW / n;
  const barW = Math.max(1, slot * 0.72);
  const grid = [0, top / 2, top].map(
    (v) =>
      html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${fix(y(v))}" y2="${fix(y(v))}" stroke="${PALETTE.grid}" stroke-width="1" />
        <text x="${PAD.left - 6}" y="${fix(y(v) + 4)}" font-size="11" text-anchor="end" fill="${PALETTE.muted}">${compact(v)}</text>`,
  );
  const bars = spec.labels.map((label, i) => {
    let base = 0;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    const rects = spec.series.map((s) => {
      const v = s.values[i] ?? 0;
      const rect =
        v > 0
          ? html`<rect x="${fix(x)}" y="${fix(y(base + v))}" width="${fix(barW)}" height="${fix(y(base) - y(base + v))}" fill="${s.color}"
              ><title>${label}: ${s.name} ${v.toLocaleString('en-US')}</title></rect
            >`
          : '';
      base += v;
      return rect;
    });
    const every = spec.labelEvery ?? 1;
    const tick =
      i % every === 0
        ? html`<text x="${fix(x + barW / 2)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle" fill="${PALETTE.muted}"
            >${label}</text
          >`
        : '';
    return html`${rects}${tick}`;
  });
  const ref = spec.reference;
  const refLine = ref
    ? html`<line
          x1="${PAD.left}"
          x2="${W - PAD.right}"
          y1="${fix(y(ref.value))}"
          y2="${fix(y(ref.value))}"
          stroke="${PALETTE.text}"
          stroke-width="1.5"
          stroke-dasharray="5 4"
        />
        <text x="${W - PAD.right}" y="${fix(y(ref.value) - 4)}" font-size="11" text-anchor="end" fill="${PALETTE.text}">${ref.label}</text>`
    : '';
  const empty = totals.every((t) => t === 0)
    ? html`<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" font-size="13" text-anchor="middle" fill="${PALETTE.muted}"
        >no data</text
      >`
    : '';
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${W} ${H}"
    width="100%"
    height="${H}"
    preserveAspectRatio="xMidYMid meet"
    role="img"
    aria-label="${spec.title}"
    style="display:block;max-width:100%;height:auto;font-family:inherit"
  >
    <title>${spec.title}</title>
    ${grid}${bars}${refLine}${empty}
    <line x1="${PAD.left}" x2="${W - PAD.right}" y1="${fix(y(0))}" y2="${fix(y(0))}" stroke="${PALETTE.border}" stroke-width="1" />
  </svg>`;
}

/** The smallest 1/2/5 × 10^n at or above `value`, so axis labels are round. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

const fix = (n: number): string => n.toFixed(1);
