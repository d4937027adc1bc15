import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import { GetIngestion, type IngestionDetails } from '@pipeline/application/ingestion/queries/get-ingestion.query.js';
import { RequestReplay, type RequestReplayResult } from '@pipeline/application/ingestion/request-replay/request-replay.command.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { CurrentPrincipal, requestedBy } from '../auth/current-principal.decorator.js';
import { toIngestionModel } from './ingestion.mapper.js';
import { IngestionModel, ReplayResult } from './ingestion.model.js';

@Resolver()
export class ReplayResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Mutation(() => IngestionModel, { description: 'Re-runs one ingestion (failed, dead-lettered or rejected) and returns it.' })
  @RequireRole('admin')
  async retryIngestion(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: ApiPrincipal | null,
  ): Promise<IngestionModel> {
    const result: RequestReplayResult = await this.commandBus.execute(new RequestReplay(id, requestedBy(principal)));
    const refused = result.refused[0];
    if (refused) throw new GraphQLError(`ingestion ${id} cannot be retried: ${refused.reason}`, { extensions: { code: 'REPLAY_REFUSED' } });
    const details: IngestionDetails | null = await this.queryBus.execute(new GetIngestion(id));
    if (!details) throw new GraphQLError(`ingestion ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
    return toIngestionModel(details.view, details.events);
  }

  @Mutation(() => ReplayResult, { description: 'Moves up to `limit` dead letters back to the work queue and records a replay on each.' })
  @RequireRole('admin')
  async replayDeadLetters(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @CurrentPrincipal() principal: ApiPrincipal | null,
  ): Promise<ReplayResult> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new GraphQLError('limit must be from 1 to 1000', { extensions: { code: 'BAD_USER_INPUT' } });
    const result: RequestReplayResult = await this.commandBus.execute(new RequestReplay(null, requestedBy(principal), limit));
    return { replayed: result.replayed, refused: result.refused, redriven: result.redriven };
  }
}
