import { QueryBus } from '@nestjs/cqrs';
import { Query, Resolver } from '@nestjs/graphql';
import {
  GetPipelineHealth,
  type PipelineHealth as Health,
} from '@pipeline/application/health/get-pipeline-health/get-pipeline-health.query.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { PipelineHealth } from './pipeline-health.model.js';

@Resolver()
export class PipelineHealthResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => PipelineHealth, {
    description: 'Queue depths, last-hour error rate and p99 latency, freshness per dataset, and the alarms.',
  })
  @RequireRole('reader')
  async pipelineHealth(): Promise<PipelineHealth> {
    const health: Health = await this.queryBus.execute(new GetPipelineHealth());
    return health;
  }
}
