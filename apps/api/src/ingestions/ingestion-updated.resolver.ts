import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { IngestionUpdateFeed } from '@pipeline/application/ingestion/ingestion-updates/ingestion-update-feed.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { toHistoryEvent, toIngestionModel } from './ingestion.mapper.js';
import { IngestionUpdate } from './ingestion.model.js';
import { feedIterator } from './update-iterator.js';

@Resolver(() => IngestionUpdate)
export class IngestionUpdatedResolver {
  constructor(private readonly feed: IngestionUpdateFeed) {}

  @Subscription(() => IngestionUpdate, {
    description: 'Every event of every ingestion (of one dataset, when given) from now on, over graphql-ws.',
    resolve: (update: IngestionUpdate) => update,
  })
  @RequireRole('reader')
  ingestionUpdated(
    @Args('dataset', { type: () => String, nullable: true }) dataset?: string | null,
  ): AsyncIterableIterator<IngestionUpdate> {
    return feedIterator(
      this.feed,
      (u) => !dataset || u.ingestion.dataset === dataset,
      (u) => ({ event: toHistoryEvent(u.event), ingestion: toIngestionModel(u.ingestion) }),
    );
  }
}
