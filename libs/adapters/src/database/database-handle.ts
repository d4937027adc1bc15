import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { runMigrations } from '../postgres/postgres-migration-runner.js';
import { SqlDatabase } from '../postgres/sql-database.js';
import { detectCapabilities, type PostgresCapabilities } from '../postgres/postgres-capabilities.js';
import { startEmbeddedPostgres } from '../pglite/embedded-postgres.js';
import { ConfigError, type PipelineConfig } from '../config/pipeline-config.js';

/**
 * The one PostgreSQL connection path: a real server when DATABASE_URL is set, otherwise the
 * embedded PGlite served over the wire protocol — owned by this process, or by the `npm start`
 * process that already holds the data directory's lock.
 */
export class DatabaseHandle implements OnApplicationShutdown {
  private constructor(
    readonly database: SqlDatabase,
    readonly capabilities: PostgresCapabilities,
    readonly description: string,
    private readonly stopEmbedded: (() => Promise<void>) | null,
  ) {}

  static async open(config: PipelineConfig, role: 'server' | 'cli' | 'lambda'): Promise<DatabaseHandle> {
    const server = await serverUrl(config);
    let { url, description } = server ?? { url: undefined, description: '' };
    let stop: (() => Promise<void>) | null = null;
    if (!url) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: 12 });
      url = embedded.url;
      stop = embedded.owned ? embedded.stop : null;
      description = embedded.owned
        ? `embedded PGlite in ${join(config.dataDir, 'pgdata')}, served at ${redact(url)}`
        : `embedded PGlite owned by the running pipeline (${redact(url)})`;
    }
    // A Lambda container handles one invocation at a time: two connections are enough.
    const poolSize = role === 'lambda' ? 2 : server ? 10 : 8;
    let db: SqlDatabase | undefined;
    try {
      db = await SqlDatabase.open(url, { poolSize, applicationName: `data-pipeline-${role}` });
      const ran = await runMigrations(db);
      if (ran.length) new Logger('Database').log(`migrations applied: ${ran.join(', ')}`);
      return new DatabaseHandle(db, await detectCapabilities(db), description, stop);
    } catch (error) {
      await db?.close().catch(() => undefined);
      await stop?.();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
    await this.stopEmbedded?.();
  }
}

/**
 * A real server's URL: in aws mode from the DB_SECRET_ARN secret (read once per container; the
 * Secrets Manager client loads only then), else DATABASE_URL; undefined means the embedded one.
 */
async function serverUrl(config: PipelineConfig): Promise<{ url: string; description: string } | undefined> {
  const secretArn = config.mode === 'aws' ? config.aws.dbSecretArn : undefined;
  if (secretArn) {
    const { databaseUrlFromSecretArn } = await import('../secrets/database-url-from-secret-arn.js');
    const url = await databaseUrlFromSecretArn(config.aws, secretArn);
    return { url, description: `PostgreSQL at ${redact(url)} (credentials from ${secretArn})` };
  }
  if (config.databaseUrl) return { url: config.databaseUrl, description: `PostgreSQL at ${redact(config.databaseUrl)}` };
  // The embedded database is local mode's: a Lambda has no writable DATA_DIR, and RDS is the database there.
  if (config.mode === 'aws') throw new ConfigError('PIPELINE_MODE=aws needs DB_SECRET_ARN (or DATABASE_URL): a real PostgreSQL');
  return undefined;
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
