import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { CreateUploadUrl, type CreatedUploadUrl } from '@pipeline/application/ingestion/create-upload-url/create-upload-url.command.js';
import { IngestPayload, type IngestPayloadResult } from '@pipeline/application/ingestion/ingest-payload/ingest-payload.command.js';
import { NotFoundError } from '@pipeline/domain/errors.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { toIngestionModel } from '../ingestions/ingestion.mapper.js';
import { IngestionModel } from '../ingestions/ingestion.model.js';
import { UploadUrl } from '../uploads/upload-url.model.js';

@Resolver()
export class IngestResolver {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly config: PipelineConfig,
  ) {}

  @Mutation(() => IngestionModel, {
    description:
      'Ingests records sent in the request: kept in the raw area like a file, processed by the worker. Idempotent per clientRequestId (same records, same id: same ingestion).',
  })
  @RequireRole('ingester')
  async ingest(
    @Args('dataset') dataset: string,
    @Args('records', { type: () => [JsonScalar] }) records: unknown[],
    @Args('clientRequestId', { type: () => String, nullable: true }) clientRequestId?: string | null,
  ): Promise<IngestionModel> {
    const result: IngestPayloadResult = await this.commandBus.execute(new IngestPayload(dataset, records, clientRequestId));
    if (!result.view) throw new NotFoundError(`ingestion ${result.ingestionId} was registered but cannot be read back`);
    return toIngestionModel(result.view);
  }

  @Mutation(() => UploadUrl, {
    description: 'A URL to PUT one file to (S3 presigned in aws mode; served by this API locally), with a size limit.',
  })
  @RequireRole('ingester')
  async createUploadUrl(
    @Args('dataset') dataset: string,
    @Args('filename') filename: string,
    @Args('contentType', { type: () => String, nullable: true }) contentType?: string | null,
  ): Promise<CreatedUploadUrl> {
    const limits = { expiresInSeconds: this.config.api.uploadUrlTtlSeconds, maxBytes: this.config.api.maxUploadBytes };
    return this.commandBus.execute(new CreateUploadUrl(dataset, filename, contentType, limits));
  }
}
