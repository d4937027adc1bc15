import { addDays, InvalidReportDateError, isReportDate, previousUtcDay, reportWindow } from './report-date.js';

const now = new Date('2026-11-26T08:00:00.000Z');

describe('reportWindow', () => {
  it('is the half-open UTC day', () => {
    expect(reportWindow('2026-11-25', now)).toEqual({
      date: '2026-11-25',
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-26T00:00:00.000Z',
    });
  });

  it('allows today (a partial report) but not a day that has not started', () => {
    expect(reportWindow('2026-11-26', now).to).toBe('2026-11-27T00:00:00.000Z');
    expect(() => reportWindow('2026-11-27', now)).toThrow(/has not started yet/);
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['2026-1-05'], ['20261105'], [''], ['2026-11-25T00:00:00Z'], ['0050-01-01']])(
    'refuses %j with INVALID_INPUT',
    (input) => {
      const error = (() => {
        try {
          reportWindow(input, now);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidReportDateError);
      expect((error as InvalidReportDateError).code).toBe('INVALID_INPUT');
    },
  );

  it('accepts the leap day only in leap years', () => {
    expect(isReportDate('2024-02-29')).toBe(true);
    expect(isReportDate('2026-02-29')).toBe(false);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-11-25', -7, '2026-11-18'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));

  it('reports on the UTC day before now, even just after midnight', () => {
    expect(previousUtcDay(new Date('2026-01-01T00:00:00.000Z'))).toBe('2025-12-31');
    expect(previousUtcDay(new Date('2026-11-26T23:59:59.999Z'))).toBe('2026-11-25');
  });
});
