import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { ReportMetricsSource } from '@pipeline/domain/ports/report-metrics-source.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { reportStreamId } from '@pipeline/domain/events/report-events.js';
import { buildDailyReport } from '@pipeline/domain/reports/build-daily-report.js';
import { previousUtcDay, reportWindow, type ReportWindow } from '@pipeline/domain/reports/report-date.js';
import { decideReport } from '@pipeline/domain/reports/report.decider.js';
import { ReportSettings } from '@pipeline/domain/reports/report-settings.js';
import { summarizeReport } from '@pipeline/domain/reports/report-summary.js';
import { isConcurrencyConflict, PortError } from '@pipeline/domain/errors.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { DeliverReport, type DeliverReportResult } from '../deliver-report/deliver-report.command.js';
import { reportFold } from '../report-stream.js';
import { ReportArtefactWriter } from './report-artefact-writer.js';
import { GenerateDailyReport, type GenerateDailyReportResult } from './generate-daily-report.command.js';

const ATTEMPTS = 3;

@CommandHandler(GenerateDailyReport)
export class GenerateDailyReportHandler implements ICommandHandler<GenerateDailyReport, GenerateDailyReportResult> {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly metrics: ReportMetricsSource,
    private readonly queue: WorkQueue,
    private readonly artefacts: ReportArtefactWriter,
    private readonly settings: ReportSettings,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  async execute(command: GenerateDailyReport): Promise<GenerateDailyReportResult> {
    const now = this.clock.now();
    const window = reportWindow(command.date ?? previousUtcDay(now), now);
    const stream = reportStreamId(window.date);
    const requested = await this.publisher.decide(stream, reportFold, (s) =>
      decideReport({ type: 'RequestReport', data: { date: window.date, by: command.requestedBy, at: now.toISOString() } }, s),
    );
    if (!requested.ok) throw new PortError('INVALID_INPUT', requested.message);
    const generated = await this.generate(window, stream);
    const delivery: DeliverReportResult | null = command.deliver
      ? await this.commandBus.execute(new DeliverReport(window.date, generated.version))
      : null;
    return { ...generated, delivery };
  }

  /**
   * Renders version N+1 and records it. Another generation of the same day landing first makes the
   * append conflict: the artefacts are then rendered again with the next version, so the files and
   * the recorded version always agree.
   */
  private async generate(window: ReportWindow, stream: string): Promise<Omit<GenerateDailyReportResult, 'delivery'>> {
    for (let attempt = 1; ; attempt++) {
      const { state } = await this.publisher.load(stream, reportFold);
      const generatedAt = this.clock.now().toISOString();
      const [facts, deadLetterDepthNow] = await Promise.all([this.metrics.collect(window, generatedAt), this.queue.deadLetterDepth()]);
      const { environment } = this.settings;
      const report = buildDailyReport(facts, { window, version: state.generated + 1, generatedAt, environment, deadLetterDepthNow });
      const artefactKeys = await this.artefacts.write(report);
      const metrics = summarizeReport(report);
      try {
        const decided = await this.publisher.decide(
          stream,
          reportFold,
          (s) =>
            decideReport(
              {
                type: 'RecordReportGenerated',
                data: { date: window.date, version: report.version, metrics: { ...metrics }, artefactKeys, at: generatedAt },
              },
              s,
            ),
          1,
        );
        if (decided.ok) {
          this.logger.log(`report ${window.date} v${report.version}: ${metrics.records.in} records, artefacts ${artefactKeys.join(', ')}`);
          return { date: window.date, version: report.version, artefactKeys, metrics, report };
        }
        if (decided.code !== 'REPORT_VERSION_MISMATCH' || attempt >= ATTEMPTS) throw new PortError('CONCURRENCY_CONFLICT', decided.message);
      } catch (error) {
        if (!isConcurrencyConflict(error) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
