import type { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';

const summary = (date: string, version: number): ReportSummary => ({
  date,
  version,
  generatedAt: `${date}T08:00:0${version}.000Z`,
  datasets: 2,
  ingestions: { started: 3, completed: 2, rejected: 1, deadLettered: 0 },
  records: { in: 1_000_000 + version, valid: 900_000, warned: 1, quarantined: 99_999, rejected: 0 },
  alarms: { 'error-rate': 'OK', 'processing-p99': 'ALARM', 'dlq-depth': 'OK', 'data-stale': 'INSUFFICIENT_DATA' },
  volumeAnomalies: [{ dataset: 'orders — 世界 "q"', anomaly: 'HIGH' }],
  latencyP99Ms: 31_000,
  deadLetterDepth: 0,
});

const entry = (date: string, version: number): ReportHistoryEntry => ({
  date,
  version,
  generatedAt: `${date}T08:00:0${version}.000Z`,
  artefactKeys: [`reports/${date}/daily_report.html`, `reports/${date}/daily_report.json`],
  summary: summary(date, version),
  deliveredTo: [],
  failedDeliveries: [],
  deliveredAt: null,
});

/**
 * Every ReportHistory adapter (PostgreSQL `reports`, DynamoDB REPORT_HISTORY_TABLE) must pass this.
 * Dates are unique per run (year 2100 + a random offset) so a shared table does not disturb it.
 */
export function describeReportHistoryContract(name: string, makeAdapter: () => Promise<ReportHistory>): void {
  describe(`${name} — ReportHistory contract`, () => {
    let history: ReportHistory;
    const year = 2100 + Math.floor(Math.random() * 800);
    const day = (d: number) => `${year}-01-${String(d).padStart(2, '0')}`;

    beforeAll(async () => {
      history = await makeAdapter();
      for (const [d, v] of [
        [1, 1],
        [2, 1],
        [2, 2],
        [3, 1],
        [5, 1],
        [5, 2],
        [5, 3],
      ])
        await history.recordGenerated(entry(day(d), v));
    }, 60_000);

    it('returns the newest version of a day by default, any version on request, null for none', async () => {
      expect(await history.get(day(5))).toEqual(entry(day(5), 3));
      expect(await history.get(day(5), 2)).toEqual(entry(day(5), 2));
      expect(await history.get(day(5), 9)).toBeNull();
      expect(await history.get(day(4))).toBeNull();
    });

    it('keeps every version, newest first', async () => {
      expect((await history.versions(day(5))).map((e) => e.version)).toEqual([3, 2, 1]);
      expect(await history.versions(day(4))).toEqual([]);
    });

    it('recording the same version twice changes nothing (projections may repeat)', async () => {
      await history.recordGenerated({ ...entry(day(1), 1), generatedAt: `${day(1)}T23:59:59.000Z` });
      expect(await history.get(day(1))).toEqual(entry(day(1), 1));
    });

    it('lists the newest version of each day in an inclusive range, newest day first, up to a limit', async () => {
      expect((await history.list(day(1), day(5), 100)).map((e) => [e.date, e.version])).toEqual([
        [day(5), 3],
        [day(3), 1],
        [day(2), 2],
        [day(1), 1],
      ]);
      expect((await history.list(day(2), day(3), 100)).map((e) => e.date)).toEqual([day(3), day(2)]);
      expect((await history.list(day(1), day(5), 2)).map((e) => e.date)).toEqual([day(5), day(3)]);
    });

    it('adds delivery results to one version', async () => {
      const delivery = {
        deliveredTo: ['s1', 's2'],
        failedDeliveries: [{ subscriptionId: 's3', error: 'HTTP 500 (after 4 attempts)' }],
        deliveredAt: `${day(2)}T08:01:00.000Z`,
      };
      await history.recordDelivery(day(2), 1, delivery);
      expect(await history.get(day(2), 1)).toEqual({ ...entry(day(2), 1), ...delivery });
      expect(await history.get(day(2), 2)).toEqual(entry(day(2), 2));
    });
  });
}
