import { type DataSource } from 'typeorm';
import { createPostgresDataSource, runMigrations } from '@pipeline/adapters/postgres/postgres-data-source.js';

/** A migrated database for one test file; readable once the file's beforeAll has run. */
export class PostgresTestHandle {
  private current: { url: string; dataSource: DataSource } | undefined;

  constructor(readonly label: string) {}

  get url(): string {
    return this.opened().url;
  }

  get dataSource(): DataSource {
    return this.opened().dataSource;
  }

  async open(url: string, poolSize = 10): Promise<void> {
    const dataSource = await createPostgresDataSource(url, { poolSize, applicationName: 'pipeline-tests' }).initialize();
    await runMigrations(dataSource);
    this.current = { url, dataSource };
  }

  async close(): Promise<void> {
    await this.current?.dataSource.destroy();
    this.current = undefined;
  }

  private opened(): { url: string; dataSource: DataSource } {
    if (!this.current) throw new Error(`${this.label} is not open yet: use it inside tests or hooks, not while declaring them`);
    return this.current;
  }
}
