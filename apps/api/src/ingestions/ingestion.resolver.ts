import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PortError } from '@pipeline/domain/errors.js';
import { GetIngestion, type IngestionDetails } from '@pipeline/application/ingestion/queries/get-ingestion.query.js';
import { ListIngestions } from '@pipeline/application/ingestion/queries/list-ingestions.query.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { pageComplexity } from '../graphql/query-complexity.js';
import { toHistoryEvent, toIngestionModel } from './ingestion.mapper.js';
import { IngestionConnection, IngestionHistoryEvent, IngestionModel } from './ingestion.model.js';
import { DEFAULT_INGESTIONS_PAGE, IngestionsArgs } from './ingestions.args.js';

@Resolver(() => IngestionModel)
export class IngestionResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => IngestionModel, {
    nullable: true,
    description: 'One ingestion: state, counts per sink, rule results, output keys, event history.',
  })
  @RequireRole('reader')
  async ingestion(@Args('id', { type: () => ID }) id: string): Promise<IngestionModel | null> {
    const details: IngestionDetails | null = await this.queryBus.execute(new GetIngestion(id));
    return details ? toIngestionModel(details.view, details.events) : null;
  }

  @Query(() => IngestionConnection, { description: 'Ingestions, newest first.', complexity: pageComplexity(DEFAULT_INGESTIONS_PAGE) })
  @RequireRole('reader')
  async ingestions(@Args() args: IngestionsArgs): Promise<IngestionConnection> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 1000)
      throw new PortError('INVALID_INPUT', 'first must be an integer from 1 to 1000');
    const filter = {
      limit: args.first,
      ...(args.dataset ? { dataset: args.dataset } : {}),
      ...(args.state ? { status: args.state } : {}),
      ...(args.from ? { from: isoTime('from', args.from) } : {}),
      ...(args.to ? { to: isoTime('to', args.to) } : {}),
      ...(args.after ? { after: args.after } : {}),
    };
    const page: { items: IngestionView[]; next: string | null } = await this.queryBus.execute(new ListIngestions(filter));
    return {
      nodes: page.items.map((view) => toIngestionModel(view)),
      pageInfo: { hasNextPage: page.next !== null, hasPreviousPage: Boolean(args.after), startCursor: null, endCursor: page.next },
    };
  }

  @ResolveField(() => [IngestionHistoryEvent], { description: 'The full event history, oldest first.', complexity: 10 })
  async events(@Parent() ingestion: IngestionModel): Promise<IngestionHistoryEvent[]> {
    const events =
      ingestion.loadedEvents ?? ((await this.queryBus.execute(new GetIngestion(ingestion.id))) as IngestionDetails | null)?.events ?? [];
    return events.map(toHistoryEvent);
  }
}

function isoTime(name: string, value: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new PortError('INVALID_INPUT', `${name} must be an ISO-8601 date or timestamp`);
  return new Date(ms).toISOString();
}
