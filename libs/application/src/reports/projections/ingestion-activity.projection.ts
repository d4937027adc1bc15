import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { INGESTION_EVENT_TYPES, ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { IngestionActivityLog } from '@pipeline/domain/ports/ingestion-activity-log.js';
import { ingestionActivityOf } from '@pipeline/domain/reports/ingestion-activity.js';
import { Projection } from '../../event-sourcing/projection.js';

/**
 * Keeps `ingestion_activity`, the read model the daily report aggregates. Like the ingestions
 * projection it refolds the (short) stream and upserts every activity, so a missed or repeated
 * event converges on the same rows.
 */
@Injectable()
export class IngestionActivityProjection extends Projection {
  readonly name = 'ingestion-activity';
  private readonly types = new Set<string>(INGESTION_EVENT_TYPES.filter((t) => t !== 'QualityChecked' && t !== 'RecordsStored'));

  constructor(
    private readonly events: EventStore,
    private readonly log: IngestionActivityLog,
  ) {
    super();
  }

  handles(type: string): boolean {
    return this.types.has(type);
  }

  async project(event: StoredEvent): Promise<void> {
    const id = (event.data as { ingestionId: string }).ingestionId;
    await this.log.record(ingestionActivityOf(await this.events.readStream(ingestionStreamId(id))));
  }
}
