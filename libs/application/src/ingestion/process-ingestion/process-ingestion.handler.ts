import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { IngestionEngine, type EngineResult } from '@pipeline/domain/ports/ingestion-engine.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { decideIngestion, type IngestionCommand, type IngestionState } from '@pipeline/domain/ingestion/ingestion.decider.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { datasetStreamId } from '@pipeline/domain/events/dataset-events.js';
import { isConcurrencyConflict, PortError } from '@pipeline/domain/errors.js';
import type { DataContract } from '@pipeline/domain/contract/data-contract.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { datasetFold } from '../../dataset/dataset-stream.js';
import { DefineDataset } from '../../dataset/define-dataset/define-dataset.command.js';
import { ingestionFold } from '../ingestion-stream.js';
import { ProcessIngestion, type ProcessIngestionResult } from './process-ingestion.command.js';

/**
 * Runs one ingestion through the engine and records the outcome as events.
 * Rejections are values (recorded, not retried); anything unexpected is recorded as
 * IngestionFailed and rethrown so the queue retries it.
 */
@CommandHandler(ProcessIngestion)
export class ProcessIngestionHandler implements ICommandHandler<ProcessIngestion, ProcessIngestionResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly engine: IngestionEngine,
    private readonly readModel: IngestionReadModel,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  async execute(command: ProcessIngestion): Promise<ProcessIngestionResult> {
    const streamId = ingestionStreamId(command.ingestionId);
    const { state } = await this.publisher.load(streamId, ingestionFold);
    if (state.status === 'new') return { outcome: 'unknown-ingestion' };
    const contract = await this.currentContract(state.dataset);
    const started = await this.start(streamId, state, contract);
    if (started === 'conflict') return { outcome: 'in-progress-elsewhere' };
    if (started === 'finished') return { outcome: 'already-finished', view: await this.view(command.ingestionId) };

    let result: EngineResult;
    try {
      result = await this.engine.run(
        {
          ingestionId: command.ingestionId,
          dataset: state.dataset,
          sourceKey: state.source!.key,
          contract,
          ingestedAt: started.at,
          now: this.clock.now().toISOString(),
        },
        command.onProgress,
      );
      if (result.contractWasInferred && result.contract) {
        await this.commandBus.execute(new DefineDataset(undefined, `inferred from ${state.source!.key}`, 'inference', result.contract));
      }
    } catch (error) {
      await this.recordFailure(streamId, error);
      throw error;
    }
    await this.recordOutcome(streamId, result);
    const view = await this.view(command.ingestionId);
    return { outcome: result.outcome === 'stored' ? 'completed' : 'rejected', view };
  }

  private async currentContract(dataset: string): Promise<DataContract | null> {
    const { state } = await this.publisher.load(datasetStreamId(dataset), datasetFold);
    return state.current ?? null;
  }

  private async start(streamId: string, state: IngestionState, contract: DataContract | null) {
    const at = this.clock.now().toISOString();
    try {
      const result = await this.publisher.decide(
        streamId,
        ingestionFold,
        (s) => decideIngestion({ type: 'StartIngestion', data: { contractVersion: contract?.version ?? null, at } }, s),
        1, // a conflict means another consumer just started it: do not process twice
      );
      if (!result.ok) throw new PortError('INVALID_INPUT', `ingestion ${state.ingestionId}: ${result.message}`);
      return result.appended.length === 0 ? ('finished' as const) : { at };
    } catch (error) {
      if (isConcurrencyConflict(error)) return 'conflict' as const;
      throw error;
    }
  }

  private async recordOutcome(streamId: string, result: EngineResult): Promise<void> {
    const at = this.clock.now().toISOString();
    const contractVersion = result.contract?.version ?? 0;
    const cmd: IngestionCommand =
      result.outcome === 'stored'
        ? {
            type: 'CompleteIngestion',
            data: { counts: result.counts, ruleResults: result.ruleResults, sinks: result.sinks, contractVersion, at },
          }
        : {
            type: 'RejectIngestion',
            data: { reason: result.reason, counts: result.counts, ruleResults: result.ruleResults, contractVersion, at },
          };
    const decided = await this.publisher.decide(streamId, ingestionFold, (s) => decideIngestion(cmd, s));
    if (!decided.ok) throw new PortError('INVALID_INPUT', decided.message);
  }

  private async recordFailure(streamId: string, error: unknown): Promise<void> {
    const e = error as { code?: unknown; message?: unknown };
    const failure = {
      code: typeof e?.code === 'string' ? e.code : 'UNEXPECTED',
      message: typeof e?.message === 'string' ? e.message.slice(0, 2000) : String(error),
    };
    try {
      await this.publisher.decide(streamId, ingestionFold, (s) =>
        decideIngestion({ type: 'FailIngestion', data: { error: failure, at: this.clock.now().toISOString() } }, s),
      );
    } catch {
      // The store itself may be what failed; the queue's retry is the safety net either way.
    }
  }

  private async view(ingestionId: string) {
    const view = await this.readModel.get(ingestionId);
    if (!view) throw new PortError('NOT_FOUND', `ingestion ${ingestionId} has no read model row`);
    return view;
  }
}
