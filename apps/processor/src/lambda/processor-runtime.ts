import type { Logger } from '@aws-lambda-powertools/logger';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { MetricsPublisher } from '@pipeline/domain/ports/metrics-publisher.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import type { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { DatabaseHandle } from '@pipeline/adapters/database/database-handle.js';
import { PowertoolsNestLogger } from '@pipeline/adapters/aws/powertools-nest-logger.js';
import { checkConnectivity, type ConnectivityReport } from '@pipeline/adapters/aws/connectivity-check.js';
import { DirectInvocation } from './direct-invocation.js';
import { ProcessingMetrics } from './processing-metrics.js';
import { ProcessorLambdaModule } from './processor-lambda.module.js';
import { QueueRecordHandler } from './queue-record-handler.js';

/** Everything one processor container needs, built once: the Nest application context and the handlers over it. */
export class ProcessorRuntime {
  private constructor(
    private readonly app: INestApplicationContext,
    readonly records: QueueRecordHandler,
    readonly direct: DirectInvocation,
    readonly metrics: ProcessingMetrics,
    readonly queue: WorkQueue,
  ) {}

  static async create(config: PipelineConfig, logger: Logger): Promise<ProcessorRuntime> {
    // abortOnError false: a failed start (database down) must fail this invocation, not exit the container.
    const app = await NestFactory.createApplicationContext(ProcessorLambdaModule.forRoot(config), {
      logger: new PowertoolsNestLogger(logger),
      abortOnError: false,
    });
    const bus = app.get(CommandBus);
    const store = app.get(ObjectStore);
    const metrics = new ProcessingMetrics(app.get(MetricsPublisher));
    const records = new QueueRecordHandler(bus, store, app.get(IngestionReadModel), logger, metrics, {
      rawBucket: config.aws.rawBucket,
      maxReceiveCount: config.maxReceiveCount,
    });
    return new ProcessorRuntime(app, records, new DirectInvocation(bus, store), metrics, app.get(WorkQueue));
  }

  connectivity(): Promise<ConnectivityReport> {
    return checkConnectivity({
      store: this.app.get(ObjectStore),
      queue: this.queue,
      events: this.app.get(EventStore),
      database: this.app.get(DatabaseHandle).database,
    });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
