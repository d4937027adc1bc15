import { buildDailyReport } from '@pipeline/domain/reports/build-daily-report.js';
import { reportWindow } from '@pipeline/domain/reports/report-date.js';
import type { ReportFacts, ScopeFacts } from '@pipeline/domain/reports/report-facts.js';
import { niceCeiling } from './charts/bar-chart.svg.js';
import { HtmlReportRenderer } from './html-report-renderer.js';
import { escapeHtml, html, SafeHtml } from './safe-html.js';

const XSS = '<script>alert(1)</script>';
const generatedAt = '2026-11-26T08:00:00.000Z';

function scope(name: string | null): ScopeFacts {
  const hours = Array.from({ length: 24 }, (_, h) => h * 10);
  return {
    scope: name,
    ingestions: { started: 3, attempts: 4, completed: 2, rejected: 1, deadLettered: 0, failedAttempts: 1 },
    records: { in: 1234567, valid: 1200000, warned: 4567, quarantined: 30000, duplicates: 0, rejected: 0, stored: 1204567 },
    recordsByHour: { valid: hours, quarantined: hours.map((v) => v / 10) },
    rules: [{ rule: `Rule"${XSS}`, column: `col'${XSS}`, action: 'quarantine', passed: 10, failed: 2 }],
    quarantineReasons: [
      {
        dataset: name ?? 'd',
        rule: 'ColumnValuesInSet',
        column: 'status',
        count: 2,
        example: `column "status" failed: "${XSS}" is not one of …`,
      },
    ],
    dailyVolume: Array.from({ length: 8 }, (_, i) => ({ date: `2026-11-${18 + i}`, records: 100 * (i + 1) })),
    latency: { count: 3, p50Ms: 800, p95Ms: 12_000, p99Ms: 31_000, maxMs: 31_500, histogram: [1, 0, 0, 1, 1, 0, 0] },
    lastRecordAt: '2026-11-26T07:00:00.000Z',
    largestInputs: [
      { ingestionId: 'i1', dataset: name ?? 'd', sourceKey: `raw/x/${XSS}.csv`, bytes: 2048, records: 12, status: 'completed' },
    ],
  };
}

const facts: ReportFacts = {
  scopes: [scope(null), scope(`evil${XSS}`)],
  hourly: {
    attempts: Array(24).fill(1),
    errors: Array(24).fill(0),
    p99Ms: Array(24).fill(100),
    deadLetterDepth: Array(24).fill(0),
    newestCompletion: Array(24).fill(null),
  },
};
const report = buildDailyReport(facts, {
  window: reportWindow('2026-11-25', new Date(generatedAt)),
  version: 2,
  generatedAt,
  environment: 'test',
  deadLetterDepthNow: 0,
});
const page = new HtmlReportRenderer().renderHtml(report);

describe('HtmlReportRenderer', () => {
  it('escapes every data-derived string: no markup from data survives', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(escapeHtml(XSS));
    expect(page).toContain('evil&lt;script&gt;');
    expect(page).not.toContain(`Rule"`); // the quote in a rule name is escaped too
  });

  it('loads nothing: no scripts, stylesheets, images, fonts or remote URLs', () => {
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\bsrc=|url\(|@import/i);
    const links = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.startsWith('#'))).toBe(true);
    const urls = [...page.matchAll(/https?:\/\/[^\s"'<]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg'])); // an XML namespace, never fetched
    expect(page).toContain('Content-Security-Policy" content="default-src &#39;none&#39;'); // decoded by the browser as 'none'
  });

  it('shows the numbers of the JSON, formatted', () => {
    for (const text of ['1,234,567', '1,200,000', '30,000', '31.0 s', '12.0 s', '800 ms', 'version 2', '2026-11-25'])
      expect(page).toContain(text);
  });

  it('draws the three charts per section and one alarm strip per alarm, each with a viewBox', () => {
    const svgs = page.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(4 + 3 * 2);
    expect(svgs.every((s) => /viewBox="0 0 \d+ \d+"/.test(s) && /role="img"/.test(s))).toBe(true);
    expect(page).toContain('aria-label="Records per hour, valid vs quarantined"');
  });

  it('is readable on a phone: viewport meta, a max-width column, tables that scroll rather than squeeze', () => {
    expect(page).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1" ?\/?>/);
    expect(page).toContain('max-width:760px');
    expect(page).toContain('overflow-x:auto');
  });
});

describe('html tag', () => {
  it('escapes values, keeps SafeHtml, flattens arrays and drops null/false', () => {
    expect(html`<b>${'<i>&"\''}</b>${new SafeHtml('<br>')}${[1, '<', null, false]}`.value).toBe(
      '<b>&lt;i&gt;&amp;&quot;&#39;</b><br>1&lt;',
    );
  });
});

describe('niceCeiling', () => {
  it.each([
    [1, 1],
    [7, 10],
    [11, 20],
    [49, 50],
    [1_000_001, 2_000_000],
    [0.3, 0.5],
  ])('%d → %d', (v, expected) => expect(niceCeiling(v)).toBeCloseTo(expected));
});
