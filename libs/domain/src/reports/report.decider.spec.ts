import { given } from '../ingestion/given-when-then.spec-support.js';
import type { ReportEvent } from '../events/report-events.js';
import { reportDecider } from './report.decider.js';

const date = '2026-11-25';
const requested: ReportEvent = { type: 'ReportRequested', data: { date, requestedBy: 'cli', requestedAt: '2026-11-26T08:00:00.000Z' } };
const generated = (version: number): ReportEvent => ({
  type: 'ReportGenerated',
  data: {
    date,
    version,
    metrics: { records: 1 },
    artefactKeys: ['reports/2026-11-25/daily_report.html'],
    generatedAt: `2026-11-26T08:0${version}:00.000Z`,
  },
});

describe('Report decider', () => {
  it('records every request', () => {
    given(reportDecider, requested)
      .when({ type: 'RequestReport', data: { date, by: 'api', at: '2026-11-26T09:00:00.000Z' } })
      .then({ type: 'ReportRequested', data: { date, requestedBy: 'api', requestedAt: '2026-11-26T09:00:00.000Z' } });
  });

  it('numbers generations 1, 2, 3 … so a regenerated day gets a new version', () => {
    const state = given(reportDecider, requested, generated(1))
      .when({ type: 'RecordReportGenerated', data: { date, version: 2, metrics: {}, artefactKeys: ['k'], at: '2026-11-26T10:00:00.000Z' } })
      .then({
        type: 'ReportGenerated',
        data: { date, version: 2, metrics: {}, artefactKeys: ['k'], generatedAt: '2026-11-26T10:00:00.000Z' },
      });
    expect(state.generated).toBe(2);
  });

  it('refuses a version rendered against stale state (another generation landed first)', () => {
    given(reportDecider, requested, generated(1), generated(2))
      .when({ type: 'RecordReportGenerated', data: { date, version: 2, metrics: {}, artefactKeys: [], at: 'x' } })
      .thenRefuses('REPORT_VERSION_MISMATCH', 'version 2');
  });

  it('records a delivery of a generated version, failures included', () => {
    const failed = [{ subscriptionId: 's2', error: 'HTTP 500' }];
    given(reportDecider, requested, generated(1))
      .when({ type: 'RecordReportDelivery', data: { date, version: 1, delivered: ['s1'], failed, at: 't' } })
      .then({ type: 'ReportDelivered', data: { date, version: 1, subscriptionIds: ['s1'], failed, deliveredAt: 't' } });
  });

  it('refuses to deliver a version that was never generated', () => {
    given(reportDecider, requested)
      .when({ type: 'RecordReportDelivery', data: { date, version: 1, delivered: [], failed: [], at: 't' } })
      .thenRefuses('REPORT_NOT_GENERATED');
  });

  it('refuses a command for another day on this day’s stream', () => {
    given(reportDecider, requested)
      .when({ type: 'RequestReport', data: { date: '2026-11-24', by: 'x', at: 't' } })
      .thenRefuses('REPORT_DATE_MISMATCH');
  });
});
