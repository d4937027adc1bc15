import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { decideIngestion } from '@pipeline/domain/ingestion/ingestion.decider.js';
import { ingestionStreamId } from '@pipeline/domain/events/ingestion-events.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { parseWorkMessage, processIngestionMessage } from '../../work/work-message.js';
import { ingestionFold } from '../ingestion-stream.js';
import { RequestReplay, type RequestReplayResult } from './request-replay.command.js';

@CommandHandler(RequestReplay)
export class RequestReplayHandler implements ICommandHandler<RequestReplay, RequestReplayResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
  ) {}

  async execute(command: RequestReplay): Promise<RequestReplayResult> {
    if (command.ingestionId) return this.replayOne(command.ingestionId, command.requestedBy, true);
    // Record the replay on each dead-lettered ingestion first, then move the messages back.
    const letters = await this.queue.peekDeadLetters(command.limit);
    const result: RequestReplayResult = { replayed: [], refused: [], redriven: 0 };
    for (const letter of letters) {
      const message = parseWorkMessage(letter.body);
      if (!message) continue;
      const one = await this.replayOne(message.ingestionId, command.requestedBy, false);
      result.replayed.push(...one.replayed);
      result.refused.push(...one.refused);
    }
    return { ...result, redriven: await this.queue.redrive(command.limit) };
  }

  private async replayOne(ingestionId: string, requestedBy: string, enqueue: boolean): Promise<RequestReplayResult> {
    const at = this.clock.now().toISOString();
    const decided = await this.publisher.decide(ingestionStreamId(ingestionId), ingestionFold, (s) =>
      decideIngestion({ type: 'RequestReplay', data: { requestedBy, at } }, s),
    );
    if (!decided.ok) return { replayed: [], refused: [{ ingestionId, reason: decided.message }], redriven: 0 };
    if (enqueue) await this.queue.send(processIngestionMessage(ingestionId));
    return { replayed: [ingestionId], refused: [], redriven: 0 };
  }
}
