import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { decideIngestion } from '@pipeline/domain/ingestion/ingestion.decider.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { ingestionFold } from '../ingestion-stream.js';
import { DeadLetterIngestion } from './dead-letter-ingestion.command.js';

@CommandHandler(DeadLetterIngestion)
export class DeadLetterIngestionHandler implements ICommandHandler<DeadLetterIngestion, boolean> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeadLetterIngestion): Promise<boolean> {
    const result = await this.publisher.decide(ingestionStreamId(command.ingestionId), ingestionFold, (s) =>
      decideIngestion(
        { type: 'DeadLetterIngestion', data: { lastError: command.lastError.slice(0, 2000), at: this.clock.now().toISOString() } },
        s,
      ),
    );
    return result.ok && result.appended.length > 0;
  }
}
