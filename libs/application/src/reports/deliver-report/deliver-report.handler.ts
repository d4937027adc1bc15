import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { text } from 'node:stream/consumers';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { Notifier } from '@pipeline/domain/ports/notifier.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { reportStreamId } from '@pipeline/domain/events/report-events.js';
import { NotFoundError, PortError } from '@pipeline/domain/errors.js';
import { reportArtefactKeys } from '@pipeline/domain/reports/report-history-entry.js';
import { decideReport } from '@pipeline/domain/reports/report.decider.js';
import { ReportSettings } from '@pipeline/domain/reports/report-settings.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { reportFold } from '../report-stream.js';
import { DeliverReport, type DeliverReportResult } from './deliver-report.command.js';
import { reportNotification } from './report-notification.js';

@CommandHandler(DeliverReport)
export class DeliverReportHandler implements ICommandHandler<DeliverReport, DeliverReportResult> {
  constructor(
    private readonly history: ReportHistory,
    private readonly store: ObjectStore,
    private readonly links: ArtefactLinks,
    private readonly notifier: Notifier,
    private readonly publisher: DomainEventPublisher,
    private readonly settings: ReportSettings,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeliverReport): Promise<DeliverReportResult> {
    const entry = await this.history.get(command.date, command.version);
    if (!entry) throw new NotFoundError(`no report for ${command.date}${command.version ? ` version ${command.version}` : ''}`);
    const keys = reportArtefactKeys(entry.date);
    const expiry = this.settings.linkExpirySeconds;
    const [htmlLink, jsonLink, html] = await Promise.all([
      this.links.linkTo(keys.html, expiry),
      this.links.linkTo(keys.json, expiry),
      this.store.get(keys.html).then(text),
    ]);
    const result = await this.notifier.publish('reports', reportNotification(entry, { html: htmlLink, json: jsonLink }, html));
    const failed = result.failed.map((subscriptionId) => ({ subscriptionId, error: result.errors?.[subscriptionId] ?? 'delivery failed' }));
    if (result.delivered.length > 0 || failed.length > 0) {
      const decided = await this.publisher.decide(reportStreamId(entry.date), reportFold, (s) =>
        decideReport(
          {
            type: 'RecordReportDelivery',
            data: { date: entry.date, version: entry.version, delivered: result.delivered, failed, at: this.clock.now().toISOString() },
          },
          s,
        ),
      );
      if (!decided.ok) throw new PortError('INVALID_INPUT', decided.message);
    }
    return { date: entry.date, version: entry.version, delivered: result.delivered, failed };
  }
}
