import type { DatasetReport } from '@pipeline/domain/reports/daily-report.js';
import { bytes, clip, count, duration, percent, signedPercent, utc } from '../report-format.js';
import { badge, facts, heading, table } from '../report-table.js';
import { html, type SafeHtml } from '../safe-html.js';
import { chartsSection } from './charts.section.js';

const muted = (text: string) => html`<span style="color:#4a5568">${text}</span>`;

function overview(d: DatasetReport): SafeHtml {
  const i = d.ingestions;
  const r = d.records;
  const v = d.volume;
  const l = d.latency;
  const f = d.freshness;
  return facts([
    ['Ingestions started (attempts)', `${count(i.started)} (${count(i.attempts)})`],
    ['Completed · rejected · dead-lettered', `${count(i.completed)} · ${count(i.rejected)} · ${count(i.deadLettered)}`],
    ['Failed attempts (retried)', count(i.failedAttempts)],
    ['Records in', count(r.in)],
    ['Valid · warned', `${count(r.valid)} · ${count(r.warned)}`],
    ['Quarantined · duplicates', `${count(r.quarantined)} · ${count(r.duplicates)}`],
    ['Records in rejected inputs', count(r.rejected)],
    ['Rows stored in PostgreSQL', count(r.stored)],
    [
      'Volume vs 7-day average',
      html`${count(v.records)} vs ${count(v.previous7DayAverage)} (${signedPercent(v.change)}) ${badge(v.anomaly)}`,
    ],
    ['Latency p50 · p95 · p99', `${duration(l.p50Ms)} · ${duration(l.p95Ms)} · ${duration(l.p99Ms)}`],
    ['Slowest attempt', duration(l.maxMs)],
    [
      'Newest record',
      html`${utc(f.lastRecordAt)} ${f.ageSeconds === null ? '' : muted(`(${duration(f.ageSeconds * 1000)} before the report)`)}
      ${badge(f.stale ? 'STALE' : 'FRESH')}`,
    ],
  ]);
}

const note = (content: SafeHtml | string) =>
  html`<div style="font-size:12px;color:#4a5568;margin-top:2px;word-break:break-word">${content}</div>`;

/** Rule and example stacked in one cell: a phone has room for three columns, not five. */
function reasons(d: DatasetReport): SafeHtml {
  const all = d.dataset === null;
  const rows = d.quarantineReasons.map((q, n) => [
    n + 1,
    html`<strong>${q.rule}</strong>${q.column ? muted(` on ${q.column}`) : ''}${all ? muted(` · ${q.dataset}`) : ''}
      ${q.example === null ? '' : note(html`<span title="${q.example}">e.g. ${clip(q.example)}</span>`)}`,
    count(q.count),
  ]);
  return html`${heading(3, 'Top quarantine reasons')}${table(['#', 'Reason (one example)', 'Records'], rows, [0, 2], 'no records were quarantined')}`;
}

function rules(d: DatasetReport): SafeHtml {
  if (d.dataset === null) return html``;
  const rows = d.rules.map((r) => [
    html`${r.rule}${r.column ? muted(` on ${r.column}`) : ''}`,
    r.action,
    count(r.passed),
    count(r.failed),
    percent(r.passRate, 2),
  ]);
  return html`${heading(3, 'Contract rules: pass rate')}${table(['Rule', 'Action', 'Passed', 'Failed', 'Pass rate'], rows, [2, 3, 4], 'no rules ran')}`;
}

function inputs(d: DatasetReport): SafeHtml {
  const rows = d.largestInputs.map((x) => [
    html`<span style="word-break:break-all">${clip(x.sourceKey, 80)}</span
      >${note(d.dataset === null ? `${x.dataset} · ${x.status}` : x.status)}`,
    count(x.records),
    bytes(x.bytes),
  ]);
  return html`${heading(3, 'Largest inputs')}${table(['Input', 'Records', 'Size'], rows, [1, 2], 'no inputs finished this day')}`;
}

/** Everything about one dataset (or all of them): overview, charts, quarantine reasons, rules, largest inputs. */
export function datasetSection(d: DatasetReport, id: string): SafeHtml {
  const title = d.dataset === null ? 'All datasets' : `Dataset: ${d.dataset}`;
  return html`<section style="margin-top:8px">
    ${heading(2, title, id)}${overview(d)}${chartsSection(d)}${reasons(d)}${rules(d)}${inputs(d)}
  </section>`;
}
