import { buildDailyReport, LATENCY_BUCKET_LABELS } from './build-daily-report.js';
import { reportWindow } from './report-date.js';
import { LATENCY_BUCKETS_MS, type ReportFacts, type ScopeFacts } from './report-facts.js';
import { summarizeReport, summarySubject, summaryText } from './report-summary.js';

const generatedAt = '2026-11-26T08:00:00.000Z';
const window = reportWindow('2026-11-25', new Date(generatedAt));

function scope(name: string | null, overrides: Partial<ScopeFacts> = {}): ScopeFacts {
  return {
    scope: name,
    ingestions: { started: 2, attempts: 3, completed: 1, rejected: 1, deadLettered: 0, failedAttempts: 1 },
    records: { in: 30, valid: 15, warned: 2, quarantined: 3, duplicates: 0, rejected: 10, stored: 17 },
    recordsByHour: { valid: Array(24).fill(0), quarantined: Array(24).fill(0) },
    rules: [
      { rule: 'IsComplete', column: 'id', action: 'quarantine', passed: 3, failed: 1 },
      { rule: 'RowCount', column: null, action: 'halt', passed: 0, failed: 0 },
    ],
    quarantineReasons: [],
    dailyVolume: [
      ...Array(7)
        .fill(0)
        .map((_, i) => ({ date: `2026-11-${18 + i}`, records: 10 })),
      { date: '2026-11-25', records: 30 },
    ],
    latency: { count: 1, p50Ms: 10, p95Ms: 10, p99Ms: 10, maxMs: 10, histogram: [1, 0, 0, 0, 0, 0, 0] },
    lastRecordAt: '2026-11-26T06:00:00.000Z',
    largestInputs: [],
    ...overrides,
  };
}

const facts = (scopes: ScopeFacts[]): ReportFacts => ({
  scopes,
  hourly: {
    attempts: Array(24).fill(0),
    errors: Array(24).fill(0),
    p99Ms: Array(24).fill(null),
    deadLetterDepth: Array(24).fill(0),
    newestCompletion: Array(24).fill(null),
  },
});

const ctx = { window, version: 3, generatedAt, environment: 'test', deadLetterDepthNow: 2 };

describe('buildDailyReport', () => {
  it('puts the all-datasets scope first and datasets by name', () => {
    const report = buildDailyReport(facts([scope('zeta'), scope(null), scope('alpha')]), ctx);
    expect(report.total.dataset).toBeNull();
    expect(report.datasets.map((d) => d.dataset)).toEqual(['alpha', 'zeta']);
    expect(report).toMatchObject({ schemaVersion: 1, date: '2026-11-25', version: 3, window: { from: window.from, to: window.to } });
    expect(report.deadLetters.depthAtReportTime).toBe(2);
  });

  it('derives pass rates (null for a rule that never ran), volume anomaly and freshness', () => {
    const report = buildDailyReport(facts([scope(null), scope('a', { lastRecordAt: '2026-11-26T06:59:59.000Z' })]), ctx);
    expect(report.total.rules.map((r) => r.passRate)).toEqual([0.75, null]);
    expect(report.total.volume).toMatchObject({ records: 30, previous7DayAverage: 10, change: 2, anomaly: 'HIGH' });
    expect(report.total.freshness).toEqual({ lastRecordAt: '2026-11-26T06:00:00.000Z', ageSeconds: 7200, stale: true });
    expect(report.datasets[0].freshness).toMatchObject({ ageSeconds: 3601, stale: true });
  });

  it('labels every latency bucket, the open last one included', () => {
    expect(LATENCY_BUCKET_LABELS).toHaveLength(LATENCY_BUCKETS_MS.length + 1);
    const report = buildDailyReport(facts([scope(null)]), ctx);
    expect(report.total.latency.histogram[0]).toEqual({ label: '< 1 s', count: 1 });
  });

  it('a dataset with no stored record at all is stale', () => {
    expect(buildDailyReport(facts([scope(null, { lastRecordAt: null })]), ctx).total.freshness).toEqual({
      lastRecordAt: null,
      ageSeconds: null,
      stale: true,
    });
  });

  it('refuses facts without the all-datasets scope', () => {
    expect(() => buildDailyReport(facts([scope('a')]), ctx)).toThrow(TypeError);
  });

  it('summarises the headline numbers for events and notifications', () => {
    const report = buildDailyReport(facts([scope(null), scope('a')]), ctx);
    const summary = summarizeReport(report);
    expect(summary).toMatchObject({
      date: '2026-11-25',
      version: 3,
      datasets: 1,
      records: { in: 30, quarantined: 3 },
      volumeAnomalies: [{ dataset: 'a', anomaly: 'HIGH' }],
    });
    expect(summarySubject(summary)).toBe('Daily report 2026-11-25: 30 records');
    expect(summaryText(summary, { html: 'file:///r.html', json: 'file:///r.json' })).toContain('Report: file:///r.html');
  });
});
