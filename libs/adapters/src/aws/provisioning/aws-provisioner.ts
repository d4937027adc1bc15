import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsSettings } from '../../config/pipeline-config.js';
import { awsClientConfig, s3ClientConfig } from '../aws-client-config.js';
import { ensureBucket } from './provision-buckets.js';
import { connectRawBucket, type NotificationRoute } from './provision-notifications.js';
import { ensureQueuePair } from './provision-queues.js';
import { ensureDatabaseSecret } from './provision-secret.js';
import { ensureEventTable, ensureReportHistoryTable } from './provision-tables.js';

export interface ProvisionRequest {
  readonly settings: Pick<AwsSettings, 'region' | 'endpointUrl'>;
  /** Resource names start with it: `<prefix>-raw`, `<prefix>-processing` … (lower case, S3-safe). */
  readonly prefix: string;
  readonly notifications: NotificationRoute | 'auto';
  /** Becomes the DB secret; without it DB_SECRET_ARN is not made (the handlers then use DATABASE_URL). */
  readonly databaseUrl?: string;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly log: (line: string) => void;
}

export const PREFIX_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$/;

/**
 * What Terraform makes for the data path, at the configured endpoint (moto, LocalStack, a
 * sandbox account): buckets, the raw bucket's notifications, queue + DLQ, tables, topics and the
 * DB secret. Every step tolerates an earlier run. Returns the handlers' environment.
 */
export async function provisionAws(request: ProvisionRequest): Promise<Record<string, string>> {
  if (!PREFIX_PATTERN.test(request.prefix))
    throw new Error(`--prefix ${JSON.stringify(request.prefix)} must be 3–42 characters of a-z, 0-9 and -`);
  const { settings, prefix, log } = request;
  const s3 = new S3Client(s3ClientConfig(settings));
  const sqs = new SQSClient(awsClientConfig(settings));
  const dynamo = new DynamoDBClient(awsClientConfig(settings));
  const sns = new SNSClient(awsClientConfig(settings));
  const secrets = new SecretsManagerClient(awsClientConfig(settings));
  const events = new EventBridgeClient(awsClientConfig(settings));
  try {
    const buckets = { raw: `${prefix}-raw`, processed: `${prefix}-processed`, reports: `${prefix}-reports` };
    for (const bucket of Object.values(buckets)) await ensureBucket(s3, bucket, settings.region);
    log(`buckets: ${Object.values(buckets).join(', ')} (SSE-S3, versioned, public access blocked)`);
    const queue = await ensureQueuePair(sqs, `${prefix}-processing`, request);
    log(`queue: ${queue.queueUrl} (DLQ after ${request.maxReceiveCount} receives: ${queue.dlqUrl})`);
    const route = await connectRawBucket(
      { s3, sqs, eventBridge: async () => events },
      buckets.raw,
      queue,
      request.notifications,
      `${prefix}-raw-object-created`,
    );
    log(`notifications: ${buckets.raw} → ${route === 'eventbridge' ? 'EventBridge rule → ' : ''}queue`);
    const tables = { events: `${prefix}-events`, reportHistory: `${prefix}-report-history` };
    await ensureEventTable(dynamo, tables.events);
    await ensureReportHistoryTable(dynamo, tables.reportHistory);
    log(`tables: ${tables.events}, ${tables.reportHistory}`);
    const alerts = (await sns.send(new CreateTopicCommand({ Name: `${prefix}-alerts` }))).TopicArn!;
    const reports = (await sns.send(new CreateTopicCommand({ Name: `${prefix}-reports` }))).TopicArn!;
    log(`topics: ${alerts}, ${reports}`);
    const secretArn = request.databaseUrl ? await ensureDatabaseSecret(secrets, `${prefix}/database`, request.databaseUrl) : undefined;
    log(
      secretArn
        ? `database secret: ${secretArn}`
        : 'no DATABASE_URL: no database secret made (aws mode needs a real PostgreSQL; set DATABASE_URL and run again)',
    );
    return {
      PIPELINE_MODE: 'aws',
      AWS_REGION: settings.region,
      ...(settings.endpointUrl ? { AWS_ENDPOINT_URL: settings.endpointUrl } : {}),
      RAW_BUCKET: buckets.raw,
      PROCESSED_BUCKET: buckets.processed,
      REPORTS_BUCKET: buckets.reports,
      PROCESSING_QUEUE_URL: queue.queueUrl,
      DLQ_URL: queue.dlqUrl,
      EVENT_TABLE: tables.events,
      REPORT_HISTORY_TABLE: tables.reportHistory,
      ALERTS_TOPIC_ARN: alerts,
      REPORTS_TOPIC_ARN: reports,
      ...(secretArn ? { DB_SECRET_ARN: secretArn } : {}),
    };
  } finally {
    for (const client of [s3, sqs, dynamo, sns, secrets, events]) client.destroy();
  }
}

/** `export NAME='value'` lines a POSIX shell can eval. */
export function exportLines(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`)
    .join('\n');
}
