import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportHistoryEntry } from '@pipeline/domain/reports/report-history-entry.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { ensureReportHistoryTable } from '@pipeline/adapters/aws/provisioning/provision-tables.js';
import { DynamoDbReportHistory } from '@pipeline/adapters/dynamodb/dynamodb-report-history.js';
import { describeWithMoto, uniqueName } from '@pipeline/testing/moto/describe-with-moto.js';

function entry(date: string, version: number, overrides: Partial<ReportHistoryEntry> = {}): ReportHistoryEntry {
  const summary = {
    date,
    version,
    generatedAt: `${date}T08:00:0${version}.000Z`,
    datasets: 2,
    ingestions: { started: 3, completed: 2, rejected: 1, deadLettered: 0 },
    records: { in: 10, valid: 8, warned: 1, quarantined: 1, rejected: 0 },
    alarms: { errorRate: 'OK', latencyP99: 'ALARM', deadLetterDepth: 'OK', staleData: 'OK' },
    volumeAnomalies: [{ dataset: 'orders "quoted" é', anomaly: 'HIGH' }],
    latencyP99Ms: 1234.5,
    deadLetterDepth: 0,
  } as unknown as ReportSummary;
  return {
    date,
    version,
    generatedAt: summary.generatedAt,
    artefactKeys: [`reports/${date}/daily_report.html`, `reports/${date}/daily_report.json`],
    summary,
    deliveredTo: [],
    failedDeliveries: [],
    deliveredAt: null,
    ...overrides,
  };
}

describeWithMoto('DynamoDbReportHistory on moto', (moto) => {
  let dynamo: DynamoDBClient;
  let history: DynamoDbReportHistory;
  beforeAll(() => {
    dynamo = new DynamoDBClient(awsClientConfig(moto.settings));
  });
  afterAll(() => dynamo.destroy());
  beforeEach(async () => {
    const table = uniqueName('report-history');
    await ensureReportHistoryTable(dynamo, table);
    history = new DynamoDbReportHistory(DynamoDBDocumentClient.from(dynamo), table);
  });

  it('stores versions, returns the newest or a given one, and keeps the first write of a version', async () => {
    await history.recordGenerated(entry('2026-11-25', 1));
    await history.recordGenerated(entry('2026-11-25', 2));
    await history.recordGenerated(entry('2026-11-25', 2, { artefactKeys: ['overwritten?'] }));
    expect(await history.get('2026-11-25')).toEqual(entry('2026-11-25', 2));
    expect(await history.get('2026-11-25', 1)).toEqual(entry('2026-11-25', 1));
    expect(await history.get('2026-11-25', 3)).toBeNull();
    expect(await history.get('2026-11-24')).toBeNull();
    expect((await history.versions('2026-11-25')).map((e) => e.version)).toEqual([2, 1]);
  });

  it('sorts version 10 after version 9', async () => {
    for (const v of [9, 10]) await history.recordGenerated(entry('2026-11-25', v));
    expect((await history.get('2026-11-25'))!.version).toBe(10);
  });

  it('records delivery on a stored version and ignores one for a version never stored', async () => {
    await history.recordGenerated(entry('2026-11-25', 1));
    const delivery = {
      deliveredTo: ['sub-1'],
      failedDeliveries: [{ subscriptionId: 'sub-2', error: 'timeout' }],
      deliveredAt: '2026-11-26T08:00:05.000Z',
    };
    await history.recordDelivery('2026-11-25', 1, delivery);
    await history.recordDelivery('2026-11-25', 7, delivery);
    expect(await history.get('2026-11-25')).toEqual(entry('2026-11-25', 1, delivery));
    expect(await history.versions('2026-11-25')).toHaveLength(1);
  });

  it('lists the newest version of each day in a range, newest day first, up to a limit', async () => {
    for (const [date, versions] of [
      ['2026-11-20', 1],
      ['2026-11-21', 3],
      ['2026-11-23', 2],
      ['2026-11-27', 1],
    ] as const) {
      for (let v = 1; v <= versions; v++) await history.recordGenerated(entry(date, v));
    }
    const list = await history.list('2026-11-21', '2026-11-26', 10);
    expect(list.map((e) => [e.date, e.version])).toEqual([
      ['2026-11-23', 2],
      ['2026-11-21', 3],
    ]);
    expect((await history.list('2026-11-01', '2026-11-30', 2)).map((e) => e.date)).toEqual(['2026-11-27', '2026-11-23']);
    expect(await history.list('2026-12-01', '2026-12-31', 10)).toEqual([]);
  });
});
