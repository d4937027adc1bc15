import { DailyReportScheduler } from './daily-report-scheduler.js';
import { nextDailyRun, runTimePassedToday } from './daily-schedule.js';

describe('nextDailyRun', () => {
  it.each([
    ['2026-11-26T07:59:59.999Z', '08:00', '2026-11-26T08:00:00.000Z'],
    ['2026-11-26T08:00:00.000Z', '08:00', '2026-11-27T08:00:00.000Z'],
    ['2026-12-31T23:30:00.000Z', '00:15', '2027-01-01T00:15:00.000Z'],
    ['2028-02-28T23:00:00.000Z', '22:00', '2028-02-29T22:00:00.000Z'],
  ])('after %s at %s is %s', (now, time, expected) => expect(nextDailyRun(new Date(now), time).toISOString()).toBe(expected));

  it('knows when today’s run time has passed', () => {
    expect(runTimePassedToday(new Date('2026-11-26T08:00:00.000Z'), '08:00')).toBe(true);
    expect(runTimePassedToday(new Date('2026-11-26T07:59:00.000Z'), '08:00')).toBe(false);
  });
});

describe('DailyReportScheduler', () => {
  const fixedNow = (iso: string) => () => new Date(iso);

  it('at the run time, generates the previous UTC day', async () => {
    const generated: string[] = [];
    // 20 ms before 08:00: the timer fires for real after 20 ms.
    const scheduler = new DailyReportScheduler(
      {
        generate: async (d) => (generated.push(d), { version: 1 }),
        latestReportDate: async () => null,
        now: fixedNow('2026-11-26T07:59:59.980Z'),
      },
      '08:00',
    );
    expect((await scheduler.start()).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    await waitFor(() => generated.length > 0);
    await scheduler.stop();
    expect(generated).toEqual(['2026-11-25']);
  });

  it('catches up a missed day after downtime, but a fresh installation does not report on days before it', async () => {
    const generated: string[] = [];
    const deps = (latest: string | null) => ({
      generate: async (d: string) => (generated.push(d), { version: 1 }),
      latestReportDate: async () => latest,
      now: fixedNow('2026-11-26T09:00:00.000Z'),
    });
    const missed = new DailyReportScheduler(deps('2026-11-23'), '08:00');
    await missed.start();
    await waitFor(() => generated.length > 0);
    await missed.stop();
    expect(generated).toEqual(['2026-11-25']);

    for (const latest of [null, '2026-11-25']) {
      const scheduler = new DailyReportScheduler(deps(latest), '08:00');
      await scheduler.start();
      await new Promise((r) => setTimeout(r, 30));
      await scheduler.stop();
    }
    expect(generated).toEqual(['2026-11-25']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
