import type { HourlyFacts } from './report-facts.js';
import { evaluateAlarms } from './report-alarms.js';

const day = '2026-11-25T00:00:00.000Z';
const endOfDay = '2026-11-26T08:00:00.000Z';
type Hourly = {
  attempts: number[];
  errors: number[];
  p99Ms: (number | null)[];
  deadLetterDepth: number[];
  newestCompletion: (string | null)[];
};
const quiet = (): Hourly => ({
  attempts: Array(24).fill(0),
  errors: Array(24).fill(0),
  p99Ms: Array(24).fill(null),
  deadLetterDepth: Array(24).fill(0),
  newestCompletion: Array(24).fill(null),
});
const alarm = (hourly: HourlyFacts, name: string, generatedAt = endOfDay) =>
  evaluateAlarms(hourly, day, generatedAt).find((a) => a.name === name)!;

describe('evaluateAlarms', () => {
  it('has the seed’s four alarms with their thresholds', () => {
    expect(evaluateAlarms(quiet(), day, endOfDay).map((a) => [a.name, a.threshold])).toEqual([
      ['error-rate', 0.01],
      ['processing-p99', 30_000],
      ['dlq-depth', 5],
      ['data-stale', 3_600],
    ]);
  });

  it('error rate: errors ÷ attempts per hour; exactly 1 % is not a breach', () => {
    const h = quiet();
    h.attempts[3] = 100;
    h.errors[3] = 1;
    h.attempts[4] = 100;
    h.errors[4] = 2;
    const a = alarm(h, 'error-rate');
    expect([a.hours[3], a.hours[4], a.hours[5]]).toEqual(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
    expect(a).toMatchObject({ state: 'ALARM', hoursInAlarm: 1, worstValue: 0.02 });
  });

  it('error rate: errors in an hour without a start (an attempt begun the hour before) count as 100 %', () => {
    const h = quiet();
    h.errors[7] = 1;
    expect(alarm(h, 'error-rate').hours[7]).toBe('ALARM');
  });

  it('p99 over 30 s breaches; a day without finished attempts has no data', () => {
    const h = quiet();
    expect(alarm(h, 'processing-p99').state).toBe('INSUFFICIENT_DATA');
    h.p99Ms[10] = 30_000;
    h.p99Ms[11] = 30_001;
    expect(alarm(h, 'processing-p99')).toMatchObject({ state: 'ALARM', hoursInAlarm: 1, worstValue: 30_001 });
  });

  it('dead-letter depth is measured every hour (0 is OK, 6 breaches)', () => {
    const h = quiet();
    expect(alarm(h, 'dlq-depth').state).toBe('OK');
    h.deadLetterDepth[23] = 6;
    expect(alarm(h, 'dlq-depth').hours.slice(22)).toEqual(['OK', 'ALARM']);
  });

  it('staleness is the age of the newest completion at each hour’s end', () => {
    const h = quiet();
    h.newestCompletion.fill('2026-11-25T00:30:00.000Z', 0);
    const a = alarm(h, 'data-stale');
    expect(a.hours.slice(0, 3)).toEqual(['OK', 'ALARM', 'ALARM']); // 30 min, 1 h 30 min, 2 h 30 min at 01:00, 02:00, 03:00
    expect(a.worstValue).toBe(23.5 * 3600);
  });

  it('hours not yet begun at generation time have no data; the current hour ends at the generation time', () => {
    const h = quiet();
    h.newestCompletion.fill('2026-11-25T09:00:00.000Z', 0);
    const a = alarm(h, 'data-stale', '2026-11-25T10:30:00.000Z');
    expect(a.hours.slice(9, 12)).toEqual(['OK', 'ALARM', 'INSUFFICIENT_DATA']); // 1 h exactly at 10:00; 1 h 30 min at 10:30
    expect(a.worstValue).toBe(5400); // 10:30 − 09:00
    expect(alarm(quiet(), 'dlq-depth', '2026-11-25T10:30:00.000Z').hours.filter((s) => s === 'OK')).toHaveLength(11);
  });
});
