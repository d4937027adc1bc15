import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DomainEventPublisher } from './event-sourcing/domain-event-publisher.js';
import { PROJECTIONS } from './event-sourcing/projection.js';
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
    { provide: PROJECTIONS, useFactory: (a: IngestionsProjection, b: DatasetsProjection) => [a, b], inject: [IngestionsProjection, DatasetsProjection] },
    DomainEventPublisher,
    IngestionWorker,
    ContractFileLoader,
  ],
  exports: [CqrsModule, IngestionWorker, DomainEventPublisher, ContractFileLoader],
})
export class PipelineApplicationModule {}
