import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import {
  GenerateDailyReport,
  type GenerateDailyReportResult,
} from '@pipeline/application/reports/generate-daily-report/generate-daily-report.command.js';
import { ListReports, type ReportListItem } from '@pipeline/application/reports/queries/list-reports.query.js';
import { addDays } from '@pipeline/domain/reports/report-date.js';
import { DailyReportScheduler } from './daily-report-scheduler.js';

/** Builds the daily scheduler over a running application context (`npm start`). */
export function localReportScheduler(app: INestApplicationContext, timeUtc: string): DailyReportScheduler {
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const clock = app.get(Clock);
  return new DailyReportScheduler(
    {
      generate: async (date) =>
        await commands.execute<GenerateDailyReport, GenerateDailyReportResult>(new GenerateDailyReport(date, 'scheduler')),
      latestReportDate: async () => {
        const today = clock.now().toISOString().slice(0, 10);
        const [latest]: ReportListItem[] = await queries.execute(new ListReports(addDays(today, -31), today, 1));
        return latest?.entry.date ?? null;
      },
      now: () => clock.now(),
    },
    timeUtc,
  );
}
