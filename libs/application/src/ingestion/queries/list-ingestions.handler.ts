import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { ListIngestions } from './list-ingestions.query.js';

@QueryHandler(ListIngestions)
export class ListIngestionsHandler implements IQueryHandler<ListIngestions, { items: IngestionView[]; next: string | null }> {
  constructor(private readonly readModel: IngestionReadModel) {}

  execute(query: ListIngestions) {
    return this.readModel.list({ ...query.filter, limit: Math.min(Math.max(query.filter.limit, 1), 1000) });
  }
}
