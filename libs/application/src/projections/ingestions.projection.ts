import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { INGESTION_EVENT_TYPES, ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { foldIngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { Projection } from '../event-sourcing/projection.js';

/**
 * Keeps `ingestions` current. It refolds the (short) stream rather than patching the row,
 * so replaying any event, in any order, converges on the same row.
 */
@Injectable()
export class IngestionsProjection extends Projection {
  readonly name = 'ingestions';
  private readonly types = new Set<string>(INGESTION_EVENT_TYPES);

  constructor(
    private readonly events: EventStore,
    private readonly readModel: IngestionReadModel,
  ) {
    super();
  }

  handles(type: string): boolean {
    return this.types.has(type);
  }

  async project(event: StoredEvent): Promise<void> {
    const id = (event.data as { ingestionId: string }).ingestionId;
    const view = foldIngestionView(await this.events.readStream(ingestionStreamId(id)));
    if (view) await this.readModel.upsert(view);
  }
}
