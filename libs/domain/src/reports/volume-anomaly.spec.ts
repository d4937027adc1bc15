import { volumeReport } from './volume-anomaly.js';

const history = (previous: number[], today: number) => [
  ...previous.map((records, i) => ({ date: `2026-11-${String(18 + i).padStart(2, '0')}`, records })),
  { date: '2026-11-25', records: today },
];

describe('volumeReport', () => {
  it.each([
    [[100, 100, 100, 100, 100, 100, 100], 150, 'NORMAL', 0.5],
    [[100, 100, 100, 100, 100, 100, 100], 151, 'HIGH', 0.51],
    [[100, 100, 100, 100, 100, 100, 100], 50, 'NORMAL', -0.5],
    [[100, 100, 100, 100, 100, 100, 100], 49, 'LOW', -0.51],
    [[0, 0, 0, 0, 0, 0, 700], 100, 'NORMAL', 0],
    [[0, 0, 0, 0, 0, 0, 0], 10, 'NO_BASELINE', null],
    [[0, 0, 0, 0, 0, 0, 70], 0, 'LOW', -1],
  ])('previous %j, today %i → %s (change %p)', (previous, today, anomaly, change) => {
    const v = volumeReport(history(previous, today));
    expect(v.anomaly).toBe(anomaly);
    expect(v.change).toBe(change);
    expect(v.records).toBe(today);
  });

  it('averages the seven days before, counting days without data as zero', () => {
    expect(volumeReport(history([0, 0, 0, 0, 0, 0, 7], 1)).previous7DayAverage).toBe(1);
  });
});
