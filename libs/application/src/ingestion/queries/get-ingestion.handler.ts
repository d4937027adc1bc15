import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { GetIngestion, type IngestionDetails } from './get-ingestion.query.js';

@QueryHandler(GetIngestion)
export class GetIngestionHandler implements IQueryHandler<GetIngestion, IngestionDetails | null> {
  constructor(
    private readonly readModel: IngestionReadModel,
    private readonly events: EventStore,
  ) {}

  async execute(query: GetIngestion): Promise<IngestionDetails | null> {
    const view = await this.readModel.get(query.ingestionId);
    if (!view) return null;
    return { view, events: await this.events.readStream(ingestionStreamId(query.ingestionId)) };
  }
}
