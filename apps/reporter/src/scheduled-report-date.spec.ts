import { scheduledReportDate } from './scheduled-report-date.js';

describe('scheduledReportDate', () => {
  it.each([
    [
      'an EventBridge Scheduler event: the UTC day before its time',
      { source: 'aws.scheduler', 'detail-type': 'Scheduled Event', time: '2026-11-26T08:00:00Z', detail: {} },
      '2026-11-25',
    ],
    ['a schedule rule event just after midnight UTC', { source: 'aws.events', time: '2026-03-01T00:00:30Z' }, '2026-02-28'],
    ['a time with an offset, taken in UTC', { time: '2026-11-26T01:00:00+02:00' }, '2026-11-24'],
    ['an explicit date', { date: '2026-01-15', time: '2026-11-26T08:00:00Z' }, '2026-01-15'],
    ['an empty event', {}, undefined],
    ['a time that is not a time', { time: 'soon' }, undefined],
    ['no object', 'tick', undefined],
  ])('%s', (_label, event, expected) => expect(scheduledReportDate(event)).toBe(expected));
});
