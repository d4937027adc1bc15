import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GenerateDailyReport,
  type GenerateDailyReportResult,
} from '@pipeline/application/reports/generate-daily-report/generate-daily-report.command.js';
import { GetReport, type ReportDetails } from '@pipeline/application/reports/queries/get-report.query.js';
import { ListReports, type ReportListItem } from '@pipeline/application/reports/queries/list-reports.query.js';
import { INGESTION_ACTIVITY_BACKFILL_SQL } from '@pipeline/adapters/postgres/migrations/1764100000201-create-ingestion-activity.migration.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { buildDailyReport } from '@pipeline/domain/reports/build-daily-report.js';
import { reportWindow } from '@pipeline/domain/reports/report-date.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { expectedFacts } from './report-expected-metrics.js';
import { boundaryIngestions, randomIngestions, rejectionDay, type FixtureIngestion } from './report-fixture-scenario.js';
import { FakeClock, loadFixtures, startReportTestApp } from './report-test-app.js';

const REPORT_TIME = '2026-06-01T08:00:00.000Z';
const DAY = '2026-03-10';
const fixtures: FixtureIngestion[] = [
  ...randomIngestions(20260310, 140, '2026-03-02T00:00:00.000Z', '2026-03-11T06:00:00.000Z'),
  ...boundaryIngestions(DAY),
  ...rejectionDay('2026-04-02'),
];

describeWithRealPostgres('daily report numbers (SQL) against an independent computation over fixtures', (pg) => {
  let dataDir: string;
  let app: INestApplicationContext;
  const clock = new FakeClock(new Date(REPORT_TIME));
  const generate = (date: string, by = 'test'): Promise<GenerateDailyReportResult> =>
    app.get(CommandBus).execute(new GenerateDailyReport(date, by, false));
  const expected = (result: GenerateDailyReportResult) =>
    buildDailyReport(expectedFacts(fixtures, result.date, REPORT_TIME), {
      window: reportWindow(result.date, new Date(REPORT_TIME)),
      version: result.version,
      generatedAt: REPORT_TIME,
      environment: result.report.environment,
      deadLetterDepthNow: 0,
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'report-metrics-'));
    app = await startReportTestApp({ DATABASE_URL: pg.url, DATA_DIR: dataDir, PIPELINE_MODE: 'local' }, clock);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('on an empty database: no datasets, zeros everywhere, alarms without data', async () => {
    const { report } = await generate('2026-05-20');
    expect(report.datasets).toEqual([]);
    expect(report.total.records).toEqual({ in: 0, valid: 0, warned: 0, quarantined: 0, duplicates: 0, rejected: 0, stored: 0 });
    expect(report.total.ingestions).toEqual({ started: 0, attempts: 0, completed: 0, rejected: 0, deadLettered: 0, failedAttempts: 0 });
    expect(Object.fromEntries(report.alarms.map((a) => [a.name, a.state]))).toEqual({
      'error-rate': 'INSUFFICIENT_DATA',
      'processing-p99': 'INSUFFICIENT_DATA',
      'dlq-depth': 'OK',
      'data-stale': 'INSUFFICIENT_DATA',
    });
  });

  it('loads the fixtures through the real aggregate, projections and record sink', async () => {
    await loadFixtures(app, fixtures);
    const [{ count }] = await pg.database.query('SELECT count(*)::int AS count FROM ingestion_activity');
    expect(count).toBe(fixtures.reduce((n, f) => n + 1 + f.steps.length, 0));
  }, 300_000);

  it('the migration’s backfill from the events table yields exactly what the projection wrote', async () => {
    const all = 'SELECT * FROM ingestion_activity ORDER BY ingestion_id, version';
    const projected = await pg.database.query(all);
    await pg.database.transaction(async (m) => {
      await m.query('DELETE FROM ingestion_activity');
      await m.query(INGESTION_ACTIVITY_BACKFILL_SQL);
      expect(await m.query(all)).toEqual(projected);
    });
  });

  it.each([
    '2026-03-01',
    '2026-03-02',
    '2026-03-05',
    '2026-03-08',
    '2026-03-09',
    DAY,
    '2026-03-11',
    '2026-03-12',
    '2026-04-02',
    '2026-05-01',
  ])('%s: every number equals the independent computation', async (date) => {
    const result = await generate(date);
    expect(result.report).toEqual(expected(result));
  });

  it('counts records on the UTC day their ingestion started: first and last millisecond in, the neighbours out', async () => {
    const { report } = await generate(DAY);
    const inputs = report.total.largestInputs.map((i) => i.ingestionId);
    expect(inputs).toEqual(expect.arrayContaining(['edge-first-ms', 'edge-last-ms']));
    expect(inputs).not.toContain('edge-before-midnight');
    expect(inputs).not.toContain('edge-next-day');
    // The ingestion that started a millisecond before midnight still completed on DAY: it counts as completed and in the latency.
    const edge = fixtures.find((f) => f.id === 'edge-before-midnight')!;
    expect(report.total.ingestions.completed).toBeGreaterThanOrEqual(1);
    expect(report.total.latency.maxMs).toBeGreaterThanOrEqual(Date.parse(edge.steps[1].at) - Date.parse(edge.steps[0].at));
  });

  it('a day with only rejections: records in rejected inputs, nothing valid or stored, the error rate in alarm', async () => {
    const { report } = await generate('2026-04-02');
    const rejectedRecords = fixtures
      .filter((f) => f.id.startsWith('rej-2026-04-02'))
      .reduce((n, f) => {
        const last = f.steps[f.steps.length - 1];
        return (
          n +
          (last.kind === 'rejected' && last.outcome
            ? last.outcome.valid + last.outcome.warned + last.outcome.quarantined + last.outcome.duplicates
            : 0)
        );
      }, 0);
    expect(report.total.records).toEqual({
      in: rejectedRecords,
      valid: 0,
      warned: 0,
      quarantined: 0,
      duplicates: 0,
      rejected: rejectedRecords,
      stored: 0,
    });
    expect(report.total.ingestions).toMatchObject({ started: 4, completed: 0, rejected: 4 });
    expect(report.alarms.find((a) => a.name === 'error-rate')).toMatchObject({ state: 'ALARM', hoursInAlarm: 4, worstValue: 1 });
    expect(report.total.volume.anomaly).toBe('NO_BASELINE');
    expect(report.datasets.map((d) => d.rules.length)).toEqual([3, 3]);
  });

  it('regenerating a day replaces the artefacts and records a new ReportGenerated version', async () => {
    const first = await generate('2026-03-09', 'first');
    const second = await generate('2026-03-09', 'second');
    expect(second.version).toBe(first.version + 1);
    const json = JSON.parse(await readFile(join(dataDir, 'objects/reports/2026-03-09/daily_report.json'), 'utf8'));
    expect(json).toEqual(second.report);
    const html = await readFile(join(dataDir, 'objects/reports/2026-03-09/daily_report.html'), 'utf8');
    expect(html).toContain(`version ${second.version}`);
    const events = await app.get(EventStore).readStream('report-2026-03-09');
    expect(events.filter((e) => e.type === 'ReportGenerated').map((e) => (e.data as { version: number }).version)).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type === 'ReportRequested').map((e) => (e.data as { requestedBy: string }).requestedBy)).toEqual([
      'test',
      'first',
      'second',
    ]);
    expect(second.artefactKeys).toEqual(['reports/2026-03-09/daily_report.html', 'reports/2026-03-09/daily_report.json']);
  });

  it('keeps the history as a read model: report(date) with every version and links, reports(from, to) newest day first', async () => {
    const details: ReportDetails = await app.get(QueryBus).execute(new GetReport('2026-03-09'));
    expect(details.versions).toEqual([3, 2, 1]);
    expect(details.entry).toMatchObject({ date: '2026-03-09', version: 3, generatedAt: REPORT_TIME, deliveredTo: [] });
    expect(details.report?.version).toBe(3);
    expect(details.links.html).toBe(`file://${join(dataDir, 'objects/reports/2026-03-09/daily_report.html')}`);
    const older: ReportDetails = await app.get(QueryBus).execute(new GetReport('2026-03-09', 1));
    expect(older).toMatchObject({ entry: { version: 1 }, report: null });
    const list: ReportListItem[] = await app.get(QueryBus).execute(new ListReports('2026-03-01', '2026-03-31'));
    expect(list.map((i) => [i.entry.date, i.entry.version])).toEqual([
      ['2026-03-12', 1],
      ['2026-03-11', 1],
      [DAY, 2],
      ['2026-03-09', 3],
      ['2026-03-08', 1],
      ['2026-03-05', 1],
      ['2026-03-02', 1],
      ['2026-03-01', 1],
    ]);
    expect(await app.get(QueryBus).execute(new GetReport('2026-02-01'))).toBeNull();
  });

  it('refuses impossible and future dates', async () => {
    await expect(generate('2026-02-30')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(generate('2026-06-02')).rejects.toThrow(/has not started yet/);
  });
});
