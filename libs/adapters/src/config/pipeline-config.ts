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
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${JSON.stringify(value)} must be an integer in [${min}, ${max}]`);
  return n;
}

function timeOfDay(env: Env, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new ConfigError(`${name}=${JSON.stringify(value)} must be HH:MM (UTC)`);
  return value;
}
