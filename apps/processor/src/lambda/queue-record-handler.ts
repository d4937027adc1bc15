import type { Logger } from '@aws-lambda-powertools/logger';
import { CommandBus } from '@nestjs/cqrs';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { ObjectStore, REGISTERED_INGESTION_METADATA, type ObjectInfo } from '@pipeline/domain/ports/object-store.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { DeadLetterIngestion } from '@pipeline/application/ingestion/dead-letter-ingestion/dead-letter-ingestion.command.js';
import {
  ProcessIngestion,
  type ProcessIngestionResult,
} from '@pipeline/application/ingestion/process-ingestion/process-ingestion.command.js';
import {
  RegisterIngestion,
  type RegisterIngestionResult,
} from '@pipeline/application/ingestion/register-ingestion/register-ingestion.command.js';
import { RequestReplay } from '@pipeline/application/ingestion/request-replay/request-replay.command.js';
import { parseQueueBody, type CreatedObject } from './queue-body.js';
import type { ProcessingMetrics } from './processing-metrics.js';

export interface QueueRecordContext {
  readonly body: string;
  /** SQS ApproximateReceiveCount of this delivery. */
  readonly receiveCount: number;
}

/** Another consumer is processing the ingestion right now: the message must come back later. */
export class IngestionBusyError extends Error {
  override readonly name = 'IngestionBusyError';
  readonly code = 'IN_PROGRESS_ELSEWHERE';
}

/**
 * One processing-queue message: each created raw object becomes RegisterIngestion then
 * ProcessIngestion, inline; a work message is ProcessIngestion. Returning means done (completed,
 * rejected — never retried —, or nothing to do); throwing means "deliver again". On the last
 * receive the failure is recorded as IngestionDeadLettered before SQS moves the message to the DLQ.
 */
export class QueueRecordHandler {
  constructor(
    private readonly bus: CommandBus,
    private readonly store: ObjectStore,
    private readonly ingestions: IngestionReadModel,
    private readonly logger: Logger,
    private readonly metrics: ProcessingMetrics,
    private readonly settings: { readonly rawBucket: string | undefined; readonly maxReceiveCount: number },
  ) {}

  async handle(message: QueueRecordContext): Promise<void> {
    for (const work of parseQueueBody(message.body)) {
      if (work.kind === 'ignore') this.logger.debug('nothing to do', { reason: work.reason });
      else if (work.kind === 'unreadable') throw new Error(`unreadable message (left to reach the dead-letter queue): ${work.reason}`);
      else {
        const ingestionId = work.kind === 'process' ? work.ingestionId : await this.register(work.object);
        if (ingestionId) await this.process(ingestionId, message.receiveCount, work.kind === 'object' ? work.object.eventTime : undefined);
      }
    }
  }

  private async register(object: CreatedObject): Promise<string | null> {
    const dataset = this.datasetOf(object);
    if (!dataset) return null;
    const head = await this.store.head(object.key);
    const writer = head?.metadata?.[REGISTERED_INGESTION_METADATA];
    if (writer) return this.skip(object, `its writer registered it as ${writer}`);
    // A missing object is registered all the same: its failures are then recorded, dead-lettered and replayable.
    const registered: RegisterIngestionResult = await this.bus.execute(new RegisterIngestion(dataset, objectSource(object, head), false));
    return registered.ingestionId;
  }

  /** The dataset of a raw object (`raw/<dataset>/…` in the raw bucket), or null (logged) for any other object. */
  private datasetOf(object: CreatedObject): string | null {
    const [area, dataset, ...rest] = object.key.split('/');
    if (this.settings.rawBucket && object.bucket !== this.settings.rawBucket)
      return this.skip(object, `not the raw bucket (${this.settings.rawBucket})`);
    if (area !== 'raw' || rest.length === 0 || !DATASET_NAME_PATTERN.test(dataset)) return this.skip(object, 'not under raw/<dataset>/');
    return dataset;
  }

  private async process(ingestionId: string, receiveCount: number, eventTime: string | undefined): Promise<void> {
    if ((await this.ingestions.get(ingestionId))?.status === 'dead_lettered') return this.replayRedriven(ingestionId);
    let result: ProcessIngestionResult;
    try {
      result = await this.bus.execute(new ProcessIngestion(ingestionId));
    } catch (error) {
      const text = (error as Error)?.message ?? String(error);
      this.metrics.failed(receiveCount >= this.settings.maxReceiveCount);
      if (receiveCount >= this.settings.maxReceiveCount) {
        this.logger.error('failed on its last receive: dead-lettering', { ingestionId, receiveCount, error: text });
        await this.bus
          .execute(new DeadLetterIngestion(ingestionId, text))
          .catch((e: unknown) => this.logger.error('could not record the dead-lettering', { ingestionId, error: String(e) }));
      } else {
        this.logger.warn('failed; SQS delivers it again', { ingestionId, receiveCount, error: text });
      }
      throw error;
    }
    if (result.outcome === 'in-progress-elsewhere')
      throw new IngestionBusyError(`ingestion ${ingestionId} is being processed by another consumer`);
    if (result.outcome === 'unknown-ingestion') return void this.logger.warn('work message for an unknown ingestion', { ingestionId });
    if (result.outcome !== 'already-finished') this.metrics.finished(result.view, eventTime);
    this.logger.info(`ingestion ${result.outcome}`, {
      ingestionId,
      dataset: result.view.dataset,
      status: result.view.status,
      counts: result.view.counts,
    });
  }

  /**
   * A message for a dead-lettered ingestion came back: a DLQ redrive (`pipeline replay
   * --dead-letters` moves S3 events, which carry no ingestion id, or the console's redrive). That
   * is a replay request; the replay queues its own work message, so this one is done.
   */
  private async replayRedriven(ingestionId: string): Promise<void> {
    await this.bus.execute(new RequestReplay(ingestionId, 'dead-letter-redrive'));
    this.logger.info('redriven dead letter: replay requested', { ingestionId });
  }

  private skip(object: CreatedObject, why: string): null {
    this.logger.info('object event skipped', { bucket: object.bucket, key: object.key, why });
    return null;
  }
}

/** The ingestion source of a created object: the event's etag and size, else what HEAD says. */
function objectSource(object: CreatedObject, head: ObjectInfo | null) {
  const etag = object.etag ?? head?.etag;
  const size = object.size ?? head?.size;
  return {
    kind: 'object' as const,
    key: object.key,
    bucket: object.bucket,
    ...(etag ? { etag } : {}),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}
