import type { ResultRow, Verdict } from './benchmark-module.js';

const HEADER = ['benchmark', 'path', 'rows', 'seconds', 'rows/s', 'MB/s', '× \\copy time', 'peak RSS'];
const RIGHT_ALIGNED = new Set([2, 3, 4, 5, 6, 7]);

/** The comparison table as GitHub markdown (MB = 10^6 bytes; × \copy time > 1 means slower). */
export function markdownTable(rows: readonly ResultRow[]): string {
  const body = rows.map((r) => [
    r.benchmark,
    r.path,
    r.rows.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    Math.round(r.rows / r.seconds).toLocaleString('en-US'),
    r.bytes === undefined ? '—' : (r.bytes / 1e6 / r.seconds).toFixed(1),
    r.baselineSeconds === undefined ? '—' : (r.seconds / r.baselineSeconds).toFixed(2),
    r.peakRssBytes === undefined ? '—' : `${(r.peakRssBytes / 1e6).toFixed(0)} MB`,
  ]);
  const align = HEADER.map((_, i) => (RIGHT_ALIGNED.has(i) ? '---:' : '---'));
  return [HEADER, align, ...body].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`).join('\n');
}

export function verdictLines(verdicts: readonly Verdict[]): string {
  return verdicts.map((v) => `${v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.measured}`).join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
