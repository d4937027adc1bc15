import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createPostgresDataSource, runMigrations } from '../postgres/postgres-data-source.js';
import { detectCapabilities, type PostgresCapabilities } from '../postgres/postgres-capabilities.js';
import { startEmbeddedPostgres } from '../pglite/embedded-postgres.js';
import type { PipelineConfig } from '../config/pipeline-config.js';

/**
 * The one PostgreSQL connection path: a real server when DATABASE_URL is set, otherwise the
 * embedded PGlite served over the wire protocol — owned by this process, or by the `npm start`
 * process that already holds the data directory's lock.
 */
export class DatabaseHandle implements OnApplicationShutdown {
  private constructor(
    readonly dataSource: DataSource,
    readonly capabilities: PostgresCapabilities,
    readonly description: string,
    private readonly stopEmbedded: (() => Promise<void>) | null,
  ) {}

  static async open(config: PipelineConfig, role: 'server' | 'cli' | 'lambda'): Promise<DatabaseHandle> {
    let url = config.databaseUrl;
    let description = url ? `PostgreSQL at ${redact(url)}` : '';
    let stop: (() => Promise<void>) | null = null;
    if (!url) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: 12 });
      url = embedded.url;
      stop = embedded.owned ? embedded.stop : null;
      description = embedded.owned
        ? `embedded PGlite in ${join(config.dataDir, 'pgdata')}, served at ${redact(url)}`
        : `embedded PGlite owned by the running pipeline (${redact(url)})`;
    }
    const ds = createPostgresDataSource(url, { poolSize: config.databaseUrl ? 10 : 8, applicationName: `data-pipeline-${role}` });
    try {
      await ds.initialize();
      const ran = await runMigrations(ds);
      if (ran.length) new Logger('Database').log(`migrations applied: ${ran.join(', ')}`);
      return new DatabaseHandle(ds, await detectCapabilities(ds), description, stop);
    } catch (error) {
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      await stop?.();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.stopEmbedded?.();
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
