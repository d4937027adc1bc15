import { type Provider } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { MetricsPublisher } from '@pipeline/domain/ports/metrics-publisher.js';
import { Notifier } from '@pipeline/domain/ports/notifier.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { SecretProvider } from '@pipeline/domain/ports/secret-provider.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import { LazyAwsClients } from './aws/lazy-aws-clients.js';
import { lazyPort, loadOnce } from './aws/lazy-port.js';
import { unconfiguredPort } from './aws/unconfigured-port.js';
import { PipelineConfig, requireSetting, type AwsSettings } from './config/pipeline-config.js';
import { DatabaseHandle } from './database/database-handle.js';
import { IngestionEngine } from '@pipeline/domain/ports/ingestion-engine.js';
import { DatasetReadModel, IngestionReadModel } from '@pipeline/domain/ports/read-model-stores.js';
import { RecordDecoder } from '@pipeline/domain/ports/record-decoder.js';
import { ColumnarWriter, JsonLinesWriter, QuarantineWriter, RecordSink } from '@pipeline/domain/ports/row-sinks.js';
import { ApiKeyStore } from '@pipeline/domain/ports/api-key-store.js';
import { PipelineHealthReader } from '@pipeline/domain/ports/pipeline-health-reader.js';
import { ProcessedRecordsReader } from '@pipeline/domain/ports/processed-records-reader.js';
import { StreamingRecordDecoder } from './formats/streaming-record-decoder.js';
import { ObjectStoreJsonLinesWriter } from './jsonl/object-store-json-lines-writer.js';
import { ObjectStoreQuarantineWriter } from './jsonl/object-store-quarantine-writer.js';
import { DuckDbParquetWriter } from './parquet/duckdb-parquet-writer.js';
import { PostgresApiKeyStore } from './postgres-api/postgres-api-key-store.js';
import { PostgresPipelineHealthReader } from './postgres-api/postgres-pipeline-health-reader.js';
import { PostgresProcessedRecordsReader } from './postgres-api/postgres-processed-records-reader.js';
import { PostgresDatasetReadModel } from './postgres-read-models/postgres-dataset-read-model.js';
import { PostgresIngestionReadModel } from './postgres-read-models/postgres-ingestion-read-model.js';
import { PostgresRecordSink } from './postgres/postgres-record-sink.js';
import { RowStreamingEngine } from './row-engine/row-streaming-engine.js';
import type { PipelineRole } from './pipeline-role.js';
import { sharedReportProviders } from './postgres-reports/report-providers.js';
import { BucketMap } from './s3/bucket-map.js';
import { SystemClock } from './system-clock.js';

/** Areas of object keys and the variable naming each one's bucket. */
export function bucketMapFor(aws: AwsSettings): BucketMap {
  return new BucketMap(
    {
      raw: aws.rawBucket,
      processed: aws.processedBucket,
      quarantine: aws.processedBucket,
      tmp: aws.processedBucket,
      reports: aws.reportsBucket,
    },
    undefined,
    {
      raw: 'RAW_BUCKET',
      processed: 'PROCESSED_BUCKET',
      quarantine: 'PROCESSED_BUCKET',
      tmp: 'PROCESSED_BUCKET',
      reports: 'REPORTS_BUCKET',
    },
  );
}

/**
 * aws mode (PIPELINE_MODE=aws): S3 for objects, SQS for work, DynamoDB for events and report
 * history, SNS for notifications, Secrets Manager for the RDS credentials, CloudWatch EMF for
 * metrics; rows and read models stay in PostgreSQL (RDS). Adapter modules and SDK clients load
 * on first use. EVENT_TABLE is needed everywhere; any other variable may be missing where its code
 * path is never taken (the adapter, or an unconfiguredPort, names it on first use), so Terraform
 * gives each function only the variables it uses. Buckets are checked per key's area.
 */
export function awsProviders(config: PipelineConfig, role: PipelineRole): Provider[] {
  const aws = config.aws;
  const clients = new LazyAwsClients(aws);
  const buckets = bucketMapFor(aws);
  // SDK-backed ports are lazy (see lazyPort): a Lambda loads only the clients its event uses.
  const dynamoEventStore = loadOnce(
    async () =>
      new (await import('./dynamodb/dynamodb-event-store.js')).DynamoDbEventStore(
        await clients.dynamoDocuments(),
        requireSetting(aws.eventTable, 'EVENT_TABLE'),
      ),
  );
  return [
    { provide: PipelineConfig, useValue: config },
    { provide: LazyAwsClients, useFactory: () => clients },
    { provide: DatabaseHandle, useFactory: () => DatabaseHandle.open(config, role) },
    { provide: Clock, useClass: SystemClock },
    {
      provide: ObjectStore,
      useValue: lazyPort<ObjectStore>(
        async () => new (await import('./s3/s3-object-store.js')).S3ObjectStore(await clients.s3(), buckets),
        { get: 'async', put: 'async', head: 'async', list: 'iterable', delete: 'async', createUploadUrl: 'async' },
      ),
    },
    { provide: EventStore, useValue: lazyPort<EventStore>(dynamoEventStore, { append: 'async', readStream: 'async', readAll: 'async' }) },
    {
      provide: EventLogHead,
      useValue: lazyPort<EventLogHead>(
        async () => new (await import('./dynamodb/dynamodb-event-log-head.js')).DynamoDbEventLogHead(await dynamoEventStore()),
        { latestPosition: 'async' },
      ),
    },
    {
      provide: WorkQueue,
      useValue: lazyPort<WorkQueue>(
        async () =>
          new (await import('./sqs/sqs-work-queue.js')).SqsWorkQueue(await clients.sqs(), {
            queueUrl: aws.processingQueueUrl,
            deadLetterQueueUrl: aws.dlqUrl,
            maxReceiveCount: config.maxReceiveCount,
          }),
        {
          send: 'async',
          receive: 'async',
          ack: 'async',
          retry: 'async',
          depth: 'async',
          deadLetterDepth: 'async',
          peekDeadLetters: 'async',
          redrive: 'async',
        },
      ),
    },
    ...rowAndReadModelProviders(config),
    ...sharedReportProviders(config),
    {
      provide: ReportHistory,
      useValue: aws.reportHistoryTable
        ? lazyPort<ReportHistory>(
            async () =>
              new (await import('./dynamodb/dynamodb-report-history.js')).DynamoDbReportHistory(
                await clients.dynamoDocuments(),
                requireSetting(aws.reportHistoryTable, 'REPORT_HISTORY_TABLE'),
              ),
            { recordGenerated: 'async', recordDelivery: 'async', get: 'async', versions: 'async', list: 'async' },
          )
        : unconfiguredPort<ReportHistory>('ReportHistory', 'REPORT_HISTORY_TABLE'),
    },
    {
      provide: ArtefactLinks,
      useValue: lazyPort<ArtefactLinks>(
        async () => new (await import('./s3/s3-artefact-links.js')).S3ArtefactLinks(await clients.s3(), buckets),
        { linkTo: 'async' },
      ),
    },
    {
      provide: Notifier,
      useValue: lazyPort<Notifier>(
        async () =>
          new (await import('./sns/sns-notifier.js')).SnsNotifier(await clients.sns(), {
            reports: aws.reportsTopicArn,
            alerts: aws.alertsTopicArn,
          }),
        { publish: 'async', subscribe: 'async', unsubscribe: 'async' },
      ),
    },
    {
      provide: SecretProvider,
      useFactory: async () => {
        const [{ SecretsManagerClient }, { SecretsManagerSecretProvider }, { awsClientConfig }] = await Promise.all([
          import('./aws/sdk-clients/secrets-manager.client.js'),
          import('./secrets/secrets-manager-secret-provider.js'),
          import('./aws/aws-client-config.js'),
        ]);
        return new SecretsManagerSecretProvider(new SecretsManagerClient(awsClientConfig(aws)));
      },
    },
    {
      provide: MetricsPublisher,
      useFactory: async () =>
        new (await import('./aws-metrics/powertools-metrics-publisher.js')).PowertoolsMetricsPublisher({
          environment: config.environment,
          serviceName: 'data-pipeline',
        }),
    },
  ];
}

const fromDb = <T>(make: (db: DatabaseHandle) => T) => ({ useFactory: make, inject: [DatabaseHandle] });

/**
 * What aws mode shares with local mode: rows and read models in PostgreSQL (RDS), the streaming
 * decoder and engine, and the file sinks — which write through the ObjectStore port, so S3 here.
 */
function rowAndReadModelProviders(config: PipelineConfig): Provider[] {
  // Lambda's only writable place is /tmp; DATA_DIR would point into the read-only bundle.
  const spoolDir = join(tmpdir(), 'pipeline-spool');
  return [
    { provide: RecordSink, ...fromDb((db) => new PostgresRecordSink(db.database, db.capabilities)) },
    { provide: IngestionReadModel, ...fromDb((db) => new PostgresIngestionReadModel(db.database)) },
    { provide: DatasetReadModel, ...fromDb((db) => new PostgresDatasetReadModel(db.database)) },
    { provide: ProcessedRecordsReader, ...fromDb((db) => new PostgresProcessedRecordsReader(db.database)) },
    { provide: ApiKeyStore, ...fromDb((db) => new PostgresApiKeyStore(db.database)) },
    { provide: PipelineHealthReader, ...fromDb((db) => new PostgresPipelineHealthReader(db.database)) },
    { provide: RecordDecoder, useValue: new StreamingRecordDecoder() },
    {
      provide: ColumnarWriter,
      useFactory: (s: ObjectStore) => new DuckDbParquetWriter(s, { rowsPerFile: config.parquetRowsPerFile, tmpDir: spoolDir }),
      inject: [ObjectStore],
    },
    { provide: JsonLinesWriter, useFactory: (s: ObjectStore) => new ObjectStoreJsonLinesWriter(s), inject: [ObjectStore] },
    { provide: QuarantineWriter, useFactory: (s: ObjectStore) => new ObjectStoreQuarantineWriter(s), inject: [ObjectStore] },
    { provide: IngestionEngine, useClass: RowStreamingEngine },
  ];
}
