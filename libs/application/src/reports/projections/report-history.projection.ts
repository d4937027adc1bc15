import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import type { ReportDelivered, ReportGenerated } from '@pipeline/domain/events/report-events.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import type { ReportSummary } from '@pipeline/domain/reports/report-summary.js';
import { Projection } from '../../event-sourcing/projection.js';

/** Keeps the report history read model: a row per ReportGenerated, delivery results added by ReportDelivered. */
@Injectable()
export class ReportHistoryProjection extends Projection {
  readonly name = 'report-history';

  constructor(private readonly history: ReportHistory) {
    super();
  }

  handles(type: string): boolean {
    return type === 'ReportGenerated' || type === 'ReportDelivered';
  }

  async project(event: StoredEvent): Promise<void> {
    if (event.type === 'ReportGenerated') {
      const d = event.data as ReportGenerated['data'];
      await this.history.recordGenerated({
        date: d.date,
        version: d.version,
        generatedAt: d.generatedAt,
        artefactKeys: d.artefactKeys,
        summary: d.metrics as unknown as ReportSummary,
        deliveredTo: [],
        failedDeliveries: [],
        deliveredAt: null,
      });
      return;
    }
    const d = event.data as ReportDelivered['data'];
    // Events written before `version` was recorded belong to the newest version at the time.
    const version = d.version ?? (await this.history.get(d.date))?.version;
    if (version === undefined) return;
    await this.history.recordDelivery(d.date, version, {
      deliveredTo: d.subscriptionIds,
      failedDeliveries: d.failed ?? [],
      deliveredAt: d.deliveredAt,
    });
  }
}
