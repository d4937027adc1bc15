import { Body, Controller, Headers, HttpCode, Post, Query, UnsupportedMediaTypeException, BadRequestException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IngestPayload, type IngestPayloadResult } from '@pipeline/application/ingestion/ingest-payload/ingest-payload.command.js';
import { RequireRole } from '../auth/api-role.decorator.js';

/** The dataset of a POST /ingest that names none (the seed's curl example does not). */
export const DEFAULT_INGEST_DATASET = 'api';

/**
 * `POST /ingest` with the seed's body `{"data":[…]}`. The dataset comes from `?dataset=`, a
 * `"dataset"` field, or defaults to `api`; `clientRequestId` (field, query or Idempotency-Key
 * header) makes a retried request land on the same ingestion. Answers 202 with the ingestion id:
 * processing happens in the worker.
 */
@Controller('ingest')
export class IngestController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(202)
  @RequireRole('ingester')
  async ingest(
    @Body() body: unknown,
    @Query('dataset') datasetParam: string | undefined,
    @Query('clientRequestId') requestParam: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    if (body === undefined) throw new UnsupportedMediaTypeException('send JSON with Content-Type: application/json');
    if (body === null || typeof body !== 'object' || !Array.isArray((body as { data?: unknown }).data)) {
      throw new BadRequestException('the body must be {"data": [ {…}, … ]}');
    }
    const { data, dataset, clientRequestId } = body as { data: unknown[]; dataset?: unknown; clientRequestId?: unknown };
    const result: IngestPayloadResult = await this.commandBus.execute(
      new IngestPayload(
        datasetParam ?? (typeof dataset === 'string' ? dataset : DEFAULT_INGEST_DATASET),
        data,
        requestParam ?? (typeof clientRequestId === 'string' ? clientRequestId : undefined) ?? idempotencyKey,
      ),
    );
    return { ingestionId: result.ingestionId, status: result.view?.status ?? 'received', created: result.created, key: result.key };
  }
}
