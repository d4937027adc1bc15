import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import { GetPipelineHealth, type PipelineHealth } from '@pipeline/application/health/get-pipeline-health/get-pipeline-health.query.js';
import { PublicRoute, RequireRole } from '../auth/api-role.decorator.js';
import { ApiRequestMetrics } from './api-request-metrics.js';
import { healthSamples, prometheusText } from './prometheus-text.js';

@Controller()
export class HealthController {
  constructor(
    private readonly head: EventLogHead,
    private readonly queryBus: QueryBus,
    private readonly requests: ApiRequestMetrics,
  ) {}

  /** Liveness for load balancers and scripts: the process answers and its database does. */
  @Get('health')
  @PublicRoute('liveness only: says nothing about the data beyond "up"')
  async health(): Promise<{ status: 'ok' }> {
    try {
      await this.head.latestPosition();
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', message: 'the database is not answering' });
    }
    return { status: 'ok' };
  }

  /** Prometheus scrape target (configure the scrape job with `authorization: { credentials: <reader key> }`). */
  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @RequireRole('reader')
  async metrics(): Promise<string> {
    const health: PipelineHealth = await this.queryBus.execute(new GetPipelineHealth());
    return prometheusText([...healthSamples(health), ...this.requests.samples()]);
  }
}
