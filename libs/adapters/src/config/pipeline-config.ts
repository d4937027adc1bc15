import { resolve } from 'node:path';

/**
 * Every environment variable the pipeline reads, in one place. Terraform sets the aws-mode
 * ones for each Lambda; locally everything has a default.
 */
/** An abstract class (not an interface) so it doubles as its own Nest injection token. */
export abstract class PipelineConfig {
  abstract readonly mode: 'local' | 'aws';
  /** Root of local data: embedded database, object store folders, inbox, outbox. */
  abstract readonly dataDir: string;
  /** Real PostgreSQL; unset in local mode means the embedded PGlite server. */
  abstract readonly databaseUrl: string | undefined;
  /** Folder of contract files `<name>.json|yaml|yml` loaded at start. */
  abstract readonly datasetsDir: string;
  abstract readonly environment: string;
  abstract readonly port: number;
  abstract readonly workerConcurrency: number;
  /** Seconds a received message stays invisible while it is being processed (extended by heartbeats). */
  abstract readonly visibilityTimeoutSeconds: number;
  abstract readonly maxReceiveCount: number;
  abstract readonly parquetRowsPerFile: number;
  abstract readonly inboxPollMs: number;
  abstract readonly dailyReportTimeUtc: string;
  abstract readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** aws mode (PIPELINE_MODE=aws): where the AWS resources are; all unset in local mode. */
  abstract readonly aws: AwsSettings;
  /** The GraphQL/REST API: where it listens and its limits. */
  abstract readonly api: ApiSettings;
  /** Report delivery (issue 5): e-mail, webhook signing, links. */
  abstract readonly reports: ReportDeliverySettings;
}

/** How reports reach their subscribers. */
export interface ReportDeliverySettings {
  /** SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`): local mode sends report e-mail through it; unset, e-mails are written as .eml files to `<DATA_DIR>/outbox/`. */
  readonly smtpUrl: string | undefined;
  /** REPORT_EMAIL_FROM: the From address of report e-mails. */
  readonly emailFrom: string;
  /** WEBHOOK_SIGNING_SECRET: HMAC-SHA256 key for local webhook signatures; unset, one is generated once per DATA_DIR (`webhook-signing.key`). */
  readonly webhookSigningSecret: string | undefined;
  /** REPORT_LINK_EXPIRY_SECONDS: lifetime of the report links sent to subscribers (presigned S3 URLs in aws mode). */
  readonly linkExpirySeconds: number;
}

/**
 * The aws-mode resources, named as Terraform's Lambda environment names them. Each adapter checks
 * the ones it needs when it is first built, so a function is given only the variables it uses.
 */
export interface AwsSettings {
  /** AWS_REGION: set by the Lambda runtime; locally from the shell (default us-east-1). */
  readonly region: string;
  /** AWS_ENDPOINT_URL: an emulator (moto, LocalStack); unset against AWS itself. */
  readonly endpointUrl: string | undefined;
  /** RAW_BUCKET holds `raw/…` keys. */
  readonly rawBucket: string | undefined;
  /** PROCESSED_BUCKET holds `processed/…`, `quarantine/…` and `tmp/…` keys. */
  readonly processedBucket: string | undefined;
  /** REPORTS_BUCKET holds `reports/…` keys. */
  readonly reportsBucket: string | undefined;
  /** EVENT_TABLE: the DynamoDB event store (hash key `streamId` S, range key `version` N). */
  readonly eventTable: string | undefined;
  /** REPORT_HISTORY_TABLE: DynamoDB report history (hash key `pk` S, range key `sk` S). */
  readonly reportHistoryTable: string | undefined;
  /** ALERTS_TOPIC_ARN / REPORTS_TOPIC_ARN: SNS topics for alerts and report notifications. */
  readonly alertsTopicArn: string | undefined;
  readonly reportsTopicArn: string | undefined;
  /** DB_SECRET_ARN: Secrets Manager JSON {username, password[, host, port, dbname, sslmode]}; wins over DATABASE_URL. */
  readonly dbSecretArn: string | undefined;
  /**
   * DB_HOST / DB_PORT / DB_NAME: the rest of the connection when the secret holds only username and
   * password (an RDS-managed master secret); fields the secret has win.
   */
  readonly dbHost: string | undefined;
  readonly dbPort: string | undefined;
  readonly dbName: string | undefined;
  /** PROCESSING_QUEUE_URL / DLQ_URL: the SQS work queue and its dead-letter queue. */
  readonly processingQueueUrl: string | undefined;
  readonly dlqUrl: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadPipelineConfig(env: Env = process.env): PipelineConfig {
  const mode = oneOf(env, 'PIPELINE_MODE', ['local', 'aws'] as const, 'local');
  return {
    mode,
    dataDir: resolve(env.DATA_DIR || './.pipeline'),
    databaseUrl: env.DATABASE_URL || undefined,
    datasetsDir: resolve(env.DATASETS_DIR || './datasets'),
    environment: env.ENVIRONMENT || 'local',
    port: int(env, 'PORT', 3000, 0, 65535),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 1, 1, 16),
    visibilityTimeoutSeconds: int(env, 'VISIBILITY_TIMEOUT_SECONDS', 300, 5, 43200),
    maxReceiveCount: int(env, 'MAX_RECEIVE_COUNT', 3, 1, 100),
    parquetRowsPerFile: int(env, 'PARQUET_ROWS_PER_FILE', 1_000_000, 1000, 100_000_000),
    inboxPollMs: int(env, 'INBOX_POLL_MS', 1000, 100, 60_000),
    dailyReportTimeUtc: timeOfDay(env, 'DAILY_REPORT_TIME_UTC', '08:00'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    aws: loadAwsSettings(env),
    api: loadApiSettings(env),
    reports: loadReportDeliverySettings(env),
  };
}

function loadReportDeliverySettings(env: Env): ReportDeliverySettings {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    emailFrom: env.REPORT_EMAIL_FROM || 'data-pipeline@localhost',
    webhookSigningSecret: env.WEBHOOK_SIGNING_SECRET || undefined,
    linkExpirySeconds: int(env, 'REPORT_LINK_EXPIRY_SECONDS', 7 * 24 * 3600, 60, 7 * 24 * 3600),
  };
}

function loadAwsSettings(env: Env): AwsSettings {
  return {
    region: env.AWS_REGION || 'us-east-1',
    endpointUrl: orUnset(env.AWS_ENDPOINT_URL),
    rawBucket: orUnset(env.RAW_BUCKET),
    processedBucket: orUnset(env.PROCESSED_BUCKET),
    reportsBucket: orUnset(env.REPORTS_BUCKET),
    eventTable: orUnset(env.EVENT_TABLE),
    reportHistoryTable: orUnset(env.REPORT_HISTORY_TABLE),
    alertsTopicArn: orUnset(env.ALERTS_TOPIC_ARN),
    reportsTopicArn: orUnset(env.REPORTS_TOPIC_ARN),
    dbSecretArn: orUnset(env.DB_SECRET_ARN),
    dbHost: orUnset(env.DB_HOST),
    dbPort: orUnset(env.DB_PORT),
    dbName: orUnset(env.DB_NAME),
    processingQueueUrl: orUnset(env.PROCESSING_QUEUE_URL),
    dlqUrl: orUnset(env.DLQ_URL),
  };
}

/** An empty variable counts as unset (`export RAW_BUCKET=` clears it). */
const orUnset = (value: string | undefined): string | undefined => value || undefined;

/** A required aws-mode setting, or a ConfigError naming the variable. @example requireSetting(config.aws.rawBucket, 'RAW_BUCKET') */
export function requireSetting(value: string | undefined, name: string): string {
  if (!value) throw new ConfigError(`PIPELINE_MODE=aws needs ${name} (see README.md, "aws mode on one machine")`);
  return value;
}

/** The API's listening address and limits (issue 3); PORT is `port` above. */
export interface ApiSettings {
  /** API_HOST: interface to listen on (default 127.0.0.1: the local API is not exposed to the network unless asked). */
  readonly host: string;
  /** API_MAX_BODY_BYTES: largest JSON request body (GraphQL, POST /ingest); larger ones get 413. */
  readonly maxBodyBytes: number;
  /** API_MAX_UPLOAD_BYTES: largest file an upload URL accepts. */
  readonly maxUploadBytes: number;
  /** UPLOAD_URL_TTL_SECONDS: how long an upload URL stays valid. */
  readonly uploadUrlTtlSeconds: number;
  /** API_MAX_QUERY_DEPTH / API_MAX_QUERY_COMPLEXITY: GraphQL operations beyond these are refused before they run. */
  readonly maxQueryDepth: number;
  readonly maxQueryComplexity: number;
  /** API_KEY_CACHE_SECONDS: how long a checked API key is trusted without asking the database (a revoked key works at most this long). */
  readonly keyCacheSeconds: number;
}

function loadApiSettings(env: Env): ApiSettings {
  return {
    host: env.API_HOST || '127.0.0.1',
    maxBodyBytes: int(env, 'API_MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxUploadBytes: int(env, 'API_MAX_UPLOAD_BYTES', 1024 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    uploadUrlTtlSeconds: int(env, 'UPLOAD_URL_TTL_SECONDS', 900, 1, 7 * 24 * 3600),
    maxQueryDepth: int(env, 'API_MAX_QUERY_DEPTH', 10, 2, 100),
    maxQueryComplexity: int(env, 'API_MAX_QUERY_COMPLEXITY', 50_000, 10, 10_000_000),
    keyCacheSeconds: int(env, 'API_KEY_CACHE_SECONDS', 10, 0, 3600),
  };
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name}=${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name}=${JSON.stringify(value)} must be an integer in [${min}, ${max}]`);
  return n;
}

function timeOfDay(env: Env, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new ConfigError(`${name}=${JSON.stringify(value)} must be HH:MM (UTC)`);
  return value;
}
