import { runMigrations } from '@pipeline/adapters/postgres/postgres-migration-runner.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';

/** A migrated database for one test file; readable once the file's beforeAll has run. */
export class PostgresTestHandle {
  private current: { url: string; database: SqlDatabase } | undefined;

  constructor(readonly label: string) {}

  get url(): string {
    return this.opened().url;
  }

  get database(): SqlDatabase {
    return this.opened().database;
  }

  async open(url: string, poolSize = 10): Promise<void> {
    const database = await SqlDatabase.open(url, { poolSize, applicationName: 'pipeline-tests' });
    try {
      await runMigrations(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    this.current = { url, database };
  }

  async close(): Promise<void> {
    await this.current?.database.close();
    this.current = undefined;
  }

  private opened(): { url: string; database: SqlDatabase } {
    if (!this.current) throw new Error(`${this.label} is not open yet: use it inside tests or hooks, not while declaring them`);
    return this.current;
  }
}
