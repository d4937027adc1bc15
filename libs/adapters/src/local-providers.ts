import { type Provider } from '@nestjs/common';
import { join } from 'node:path';
import { dataDirSecret } from './local-fs/data-dir-secret.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { IngestionEngine } from '@pipeline/domain/ports/ingestion-engine.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { DatasetReadModel, IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { RecordDecoder } from '@pipeline/domain/ports/record-decoder.js';
import { ColumnarWriter, JsonLinesWriter, QuarantineWriter, RecordSink } from '@pipeline/domain/ports/row-sinks.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { PipelineConfig } from './config/pipeline-config.js';
import type { PipelineRole } from './pipeline-role.js';
import { DatabaseHandle } from './database/database-handle.js';
import { StreamingRecordDecoder } from './formats/streaming-record-decoder.js';
import { ObjectStoreJsonLinesWriter } from './jsonl/object-store-json-lines-writer.js';
import { ObjectStoreQuarantineWriter } from './jsonl/object-store-quarantine-writer.js';
import { LocalFolderObjectStore } from './local-fs/local-folder-object-store.js';
import { DuckDbParquetWriter } from './parquet/duckdb-parquet-writer.js';
import { PostgresDatasetReadModel } from './postgres-read-models/postgres-dataset-read-model.js';
import { PostgresIngestionReadModel } from './postgres-read-models/postgres-ingestion-read-model.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { PostgresRecordSink } from './postgres/postgres-record-sink.js';
import { PostgresWorkQueue } from './postgres/postgres-work-queue.js';
import { RowStreamingEngine } from './row-engine/row-streaming-engine.js';
import { SystemClock } from './system-clock.js';
import { sharedReportProviders } from './postgres-reports/report-providers.js';
import { localReportProviders } from './local-notifier/local-report-providers.js';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import { PipelineHealthReader } from '@pipeline/domain/ports/pipeline-health-reader.js';
import { ProcessedRecordsReader } from '@pipeline/domain/ports/processed-records-reader.js';
import { UploadTokenVerifier } from '@pipeline/domain/ports/upload-token-verifier.js';
import { HmacUploadTokenVerifier } from './local-uploads/hmac-upload-token-verifier.js';
import { PostgresApiKeyStore } from './postgres-api/postgres-api-key-store.js';
import { PostgresEventLogHead } from './postgres-api/postgres-event-log-head.js';
import { PostgresPipelineHealthReader } from './postgres-api/postgres-pipeline-health-reader.js';
import { PostgresProcessedRecordsReader } from './postgres-api/postgres-processed-records-reader.js';

export const fromDb = <T>(make: (db: DatabaseHandle) => T) => ({ useFactory: make, inject: [DatabaseHandle] });

/**
 * The one place adapters are chosen. Local mode: folders under DATA_DIR, PostgreSQL (embedded
 * PGlite or DATABASE_URL) for events, queue, rows and read models, DuckDB for Parquet.
 */
/** Local mode: folders under DATA_DIR, PostgreSQL (embedded PGlite or DATABASE_URL) for events, queue, rows and read models, DuckDB for Parquet. */
export function localProviders(config: PipelineConfig, role: PipelineRole): Provider[] {
  return [
    { provide: PipelineConfig, useValue: config },
    { provide: DatabaseHandle, useFactory: () => DatabaseHandle.open(config, role) },
    { provide: Clock, useClass: SystemClock },
    {
      provide: ObjectStore,
      useFactory: async () =>
        new LocalFolderObjectStore(join(config.dataDir, 'objects'), {
          uploadBaseUrl: `http://127.0.0.1:${config.port}`,
          signingKey: await signingKey(config.dataDir),
        }),
    },
    { provide: EventStore, ...fromDb((db) => new PostgresEventStore(db.database)) },
    { provide: WorkQueue, ...fromDb((db) => new PostgresWorkQueue(db.database, { maxReceiveCount: config.maxReceiveCount })) },
    { provide: RecordSink, ...fromDb((db) => new PostgresRecordSink(db.database, db.capabilities)) },
    { provide: IngestionReadModel, ...fromDb((db) => new PostgresIngestionReadModel(db.database)) },
    { provide: DatasetReadModel, ...fromDb((db) => new PostgresDatasetReadModel(db.database)) },
    { provide: RecordDecoder, useValue: new StreamingRecordDecoder() },
    {
      provide: ColumnarWriter,
      useFactory: (s: ObjectStore) =>
        new DuckDbParquetWriter(s, { rowsPerFile: config.parquetRowsPerFile, tmpDir: join(config.dataDir, 'tmp') }),
      inject: [ObjectStore],
    },
    { provide: JsonLinesWriter, useFactory: (s: ObjectStore) => new ObjectStoreJsonLinesWriter(s), inject: [ObjectStore] },
    { provide: QuarantineWriter, useFactory: (s: ObjectStore) => new ObjectStoreQuarantineWriter(s), inject: [ObjectStore] },
    { provide: IngestionEngine, useClass: RowStreamingEngine },
    // The API's ports (issue 3).
    { provide: ProcessedRecordsReader, ...fromDb((db) => new PostgresProcessedRecordsReader(db.database)) },
    { provide: ApiKeyStore, ...fromDb((db) => new PostgresApiKeyStore(db.database)) },
    { provide: PipelineHealthReader, ...fromDb((db) => new PostgresPipelineHealthReader(db.database)) },
    { provide: EventLogHead, ...fromDb((db) => new PostgresEventLogHead(db.database)) },
    { provide: UploadTokenVerifier, useFactory: async () => new HmacUploadTokenVerifier(await signingKey(config.dataDir)) },
    // Reports and subscriptions (issue 5).
    ...sharedReportProviders(config),
    ...localReportProviders(config),
  ];
}

/** The key that signs local upload URLs: generated once per data directory, kept beside the data. */
const signingKey = async (dataDir: string): Promise<Buffer> => Buffer.from(await dataDirSecret(dataDir, 'upload-signing.key'), 'hex');
