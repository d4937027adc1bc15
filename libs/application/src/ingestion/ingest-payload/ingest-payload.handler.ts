import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DATASET_NAME_PATTERN } from '@pipeline/domain/contract/data-contract.js';
import { PortError } from '@pipeline/domain/errors.js';
import { ingestionIdFor } from '@pipeline/domain/ingestion/ingestion-id.js';
import { ObjectStore, REGISTERED_INGESTION_METADATA } from '@pipeline/domain/ports/object-store.js';
import { IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { RegisterIngestion, type RegisterIngestionResult } from '../register-ingestion/register-ingestion.command.js';
import { IngestPayload, MAX_PAYLOAD_RECORDS, type IngestPayloadResult } from './ingest-payload.command.js';

@CommandHandler(IngestPayload)
export class IngestPayloadHandler implements ICommandHandler<IngestPayload, IngestPayloadResult> {
  constructor(
    private readonly store: ObjectStore,
    private readonly commandBus: CommandBus,
    private readonly readModel: IngestionReadModel,
  ) {}

  async execute(command: IngestPayload): Promise<IngestPayloadResult> {
    const { dataset, records } = command;
    const clientRequestId = checkInput(command);
    // The key is named by the content (and request id), so a retried request finds its own file.
    const contentId = ingestionIdFor({ kind: 'payload', records, ...(clientRequestId ? { clientRequestId } : {}) });
    const key = `raw/${dataset}/api-${contentId}.json`;
    if (!(await this.store.head(key)))
      await this.store.put(key, JSON.stringify({ data: records }), {
        contentType: 'application/json',
        metadata: { [REGISTERED_INGESTION_METADATA]: 'api' },
      });
    const size = (await this.store.head(key))?.size;
    const source = {
      kind: 'payload' as const,
      key,
      ...(clientRequestId ? { clientRequestId } : {}),
      ...(size === undefined ? {} : { size }),
    };
    const registered: RegisterIngestionResult = await this.commandBus.execute(new RegisterIngestion(dataset, source, true));
    return {
      ingestionId: registered.ingestionId,
      created: registered.created,
      key,
      view: await this.readModel.get(registered.ingestionId),
    };
  }
}

function checkInput(command: IngestPayload): string | undefined {
  if (typeof command.dataset !== 'string' || !DATASET_NAME_PATTERN.test(command.dataset)) {
    throw invalid(`dataset ${JSON.stringify(command.dataset)} must match ${DATASET_NAME_PATTERN}`);
  }
  if (!Array.isArray(command.records) || command.records.length === 0) throw invalid('records must be a non-empty array of objects');
  if (command.records.length > MAX_PAYLOAD_RECORDS)
    throw invalid(`at most ${MAX_PAYLOAD_RECORDS} records per request; upload a file instead`);
  const bad = command.records.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
  if (bad >= 0) throw invalid(`records[${bad}] must be a JSON object`);
  const id = command.clientRequestId ?? undefined;
  if (id !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(id))
    throw invalid('clientRequestId must be 1 to 200 characters of A-Z a-z 0-9 . _ : -');
  return id;
}

const invalid = (message: string): PortError => new PortError('INVALID_INPUT', message);
