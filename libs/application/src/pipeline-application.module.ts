import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DomainEventPublisher } from './event-sourcing/domain-event-publisher.js';
import { PROJECTIONS, type Projection } from './event-sourcing/projection.js';
import { typeStringEventIdProvider } from './event-sourcing/published-event.js';
import { DefineDatasetHandler } from './dataset/define-dataset/define-dataset.handler.js';
import { GetDatasetHandler, ListDatasetsHandler } from './dataset/queries/list-datasets.handler.js';
import { DeadLetterIngestionHandler } from './ingestion/dead-letter-ingestion/dead-letter-ingestion.handler.js';
import { ProcessIngestionHandler } from './ingestion/process-ingestion/process-ingestion.handler.js';
import { GetIngestionHandler } from './ingestion/queries/get-ingestion.handler.js';
import { ListIngestionsHandler } from './ingestion/queries/list-ingestions.handler.js';
import { RegisterIngestionHandler } from './ingestion/register-ingestion/register-ingestion.handler.js';
import { RequestReplayHandler } from './ingestion/request-replay/request-replay.handler.js';
import { DatasetsProjection } from './projections/datasets.projection.js';
import { IngestionsProjection } from './projections/ingestions.projection.js';
import { IngestionWorker } from './work/ingestion-worker.js';
import { ContractFileLoader } from './dataset/contract-files/contract-file-loader.js';
import { AcceptUploadHandler } from './ingestion/accept-upload/accept-upload.handler.js';
import { CreateUploadUrlHandler } from './ingestion/create-upload-url/create-upload-url.handler.js';
import { IngestPayloadHandler } from './ingestion/ingest-payload/ingest-payload.handler.js';
import { IngestionUpdateFeed } from './ingestion/ingestion-updates/ingestion-update-feed.js';
import { QueryProcessedRecordsHandler } from './records/query-processed-records/query-processed-records.handler.js';
import { CountProcessedRecordsHandler } from './records/count-processed-records/count-processed-records.handler.js';
import { GetPipelineHealthHandler } from './health/get-pipeline-health/get-pipeline-health.handler.js';
import { CreateApiKeyHandler } from './api-keys/create-api-key/create-api-key.handler.js';
import { AuthenticateApiKeyHandler } from './api-keys/authenticate-api-key/authenticate-api-key.handler.js';
import { EnsureInitialAdminKeyHandler } from './api-keys/ensure-initial-admin-key/ensure-initial-admin-key.handler.js';
import { ListApiKeysHandler } from './api-keys/list-api-keys/list-api-keys.handler.js';
import { RevokeApiKeyHandler } from './api-keys/revoke-api-key/revoke-api-key.handler.js';
import { REPORTING_PROJECTIONS, REPORTING_PROVIDERS } from './reports/reporting-use-cases.js';

const handlers = [
  RegisterIngestionHandler,
  ProcessIngestionHandler,
  DeadLetterIngestionHandler,
  RequestReplayHandler,
  DefineDatasetHandler,
  GetIngestionHandler,
  ListIngestionsHandler,
  ListDatasetsHandler,
  GetDatasetHandler,
  // The API's use cases (issue 3).
  IngestPayloadHandler,
  CreateUploadUrlHandler,
  AcceptUploadHandler,
  QueryProcessedRecordsHandler,
  CountProcessedRecordsHandler,
  GetPipelineHealthHandler,
  CreateApiKeyHandler,
  AuthenticateApiKeyHandler,
  EnsureInitialAdminKeyHandler,
  ListApiKeysHandler,
  RevokeApiKeyHandler,
];

/**
 * The use cases. Ports are provided by the adapters module the app imports before this one
 * (a global module), so this module never names a technology.
 */
@Module({
  imports: [CqrsModule.forRoot({ eventIdProvider: typeStringEventIdProvider, rethrowUnhandled: false })],
  providers: [
    ...handlers,
    IngestionsProjection,
    DatasetsProjection,
    ...REPORTING_PROVIDERS,
    ...REPORTING_PROJECTIONS,
    {
      provide: PROJECTIONS,
      useFactory: (a: IngestionsProjection, b: DatasetsProjection, ...reporting: Projection[]) => [a, b, ...reporting],
      inject: [IngestionsProjection, DatasetsProjection, ...REPORTING_PROJECTIONS],
    },
    DomainEventPublisher,
    IngestionWorker,
    ContractFileLoader,
    IngestionUpdateFeed,
  ],
  exports: [CqrsModule, IngestionWorker, DomainEventPublisher, ContractFileLoader, IngestionUpdateFeed],
})
export class PipelineApplicationModule {}
