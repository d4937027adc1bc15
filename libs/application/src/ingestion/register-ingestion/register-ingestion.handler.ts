import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { decideIngestion, ingestionIdFor } from '@pipeline/domain/ingestion/ingestion.decider.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { PortError } from '@pipeline/domain/errors.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { processIngestionMessage } from '../../work/work-message.js';
import { ingestionFold } from '../ingestion-stream.js';
import { RegisterIngestion, type RegisterIngestionResult } from './register-ingestion.command.js';

@CommandHandler(RegisterIngestion)
export class RegisterIngestionHandler implements ICommandHandler<RegisterIngestion, RegisterIngestionResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterIngestion): Promise<RegisterIngestionResult> {
    if (!DATASET_NAME_PATTERN.test(command.dataset)) {
      throw new PortError('INVALID_INPUT', `dataset name ${JSON.stringify(command.dataset)} must match ${DATASET_NAME_PATTERN}`);
    }
    const ingestionId = ingestionIdFor(command.source);
    const at = this.clock.now().toISOString();
    const result = await this.publisher.decide(ingestionStreamId(ingestionId), ingestionFold, (state) =>
      decideIngestion({ type: 'RegisterIngestion', data: { ingestionId, dataset: command.dataset, source: command.source, at } }, state),
    );
    if (!result.ok) throw new PortError('INVALID_INPUT', result.message);
    // Enqueue whenever it has not started yet, so a crash between append and send heals on redelivery.
    if (command.enqueue && result.state.status === 'received') await this.queue.send(processIngestionMessage(ingestionId));
    return { ingestionId, created: result.appended.length > 0, status: result.state.status };
  }
}
