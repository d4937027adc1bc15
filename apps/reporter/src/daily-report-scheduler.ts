import { Logger } from '@nestjs/common';
import { previousUtcDay } from '@pipeline/domain/reports/report-date.js';
import { nextDailyRun, runTimePassedToday } from './daily-schedule.js';

export interface SchedulerDeps {
  /** Generates and delivers the report of `date`. */
  generate(date: string): Promise<{ version: number }>;
  /** The newest day with a report (over the last month), or null: decides the catch-up after downtime. */
  latestReportDate(): Promise<string | null>;
  now(): Date;
}

const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000];

/**
 * The local stand-in for EventBridge Scheduler: inside `npm start`, generates the previous UTC
 * day's report every day at DAILY_REPORT_TIME_UTC. On start it catches up once when today's run
 * time has passed and yesterday has no report although earlier days do (the process was down at
 * the time; a fresh installation has no history and does not report on days before it). A failed run is
 * retried a few times, then waits for the next day; it never stops the pipeline.
 */
export class DailyReportScheduler {
  private readonly logger = new Logger('ReportScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly timeUtc: string,
  ) {}

  async start(options: { catchUp: boolean } = { catchUp: true }): Promise<Date> {
    this.stopped = false;
    const now = this.deps.now();
    const yesterday = previousUtcDay(now);
    const latest = options.catchUp && runTimePassedToday(now, this.timeUtc) ? await this.deps.latestReportDate().catch(() => null) : null;
    if (latest !== null && latest < yesterday) {
      this.logger.log(`catching up: no report for ${yesterday} yet`);
      this.after(0, yesterday, 0);
    } else {
      this.scheduleNext();
    }
    return nextDailyRun(now, this.timeUtc);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private scheduleNext(): void {
    const now = this.deps.now();
    const at = nextDailyRun(now, this.timeUtc);
    this.after(at.getTime() - now.getTime(), null, 0);
  }

  /** Runs for `date` (null: the day before the run time) after `delayMs`. */
  private after(delayMs: number, date: string | null, failures: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run(date ?? previousUtcDay(this.deps.now()), failures).finally(() => (this.running = null));
    }, delayMs);
    this.timer.unref();
  }

  private async run(date: string, failures: number): Promise<void> {
    try {
      const { version } = await this.deps.generate(date);
      this.logger.log(`daily report ${date} generated (version ${version})`);
      this.scheduleNext();
    } catch (error) {
      const retry = RETRY_DELAYS_MS[failures];
      this.logger.error(
        `daily report ${date} failed: ${(error as Error).message}${retry ? `; retrying in ${retry / 60_000} min` : '; giving up until tomorrow'}`,
      );
      if (retry) this.after(retry, date, failures + 1);
      else this.scheduleNext();
    }
  }
}
