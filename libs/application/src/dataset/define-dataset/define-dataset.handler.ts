import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { parseContract } from '@pipeline/domain/contract/contract-parser.js';
import { datasetStreamId } from '@pipeline/domain/events/dataset-events.js';
import { InvalidContractError } from '@pipeline/domain/errors.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { datasetFold, decideDataset } from '../dataset-stream.js';
import { DefineDataset, type DefineDatasetResult } from './define-dataset.command.js';

@CommandHandler(DefineDataset)
export class DefineDatasetHandler implements ICommandHandler<DefineDataset, DefineDatasetResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(command: DefineDataset): Promise<DefineDatasetResult> {
    const contract = command.contract ?? parseContract(command.input, command.origin);
    const at = this.clock.now().toISOString();
    const result = await this.publisher.decide(datasetStreamId(contract.dataset), datasetFold, (state) =>
      decideDataset({ type: 'DefineDataset', data: { contract, by: command.definedBy, at } }, state),
    );
    if (!result.ok) throw new InvalidContractError(`${command.origin}: ${result.message}`);
    return { dataset: contract.dataset, version: result.state.current?.version ?? 0, changed: result.appended.length > 0 };
  }
}
