import type { QueryRunner } from 'typeorm';
import { runMigrations } from '@pipeline/adapters/postgres/postgres-migration-runner.js';
import { postgresMigrations } from '@pipeline/adapters/postgres/postgres-migrations.js';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { realPostgresUrl } from '@pipeline/testing/postgres/real-postgres-url.js';
import { createTestDatabase } from '@pipeline/testing/postgres/test-database.js';

const ALL = postgresMigrations.map((M) => new M().name);
const NEWEST = ALL[ALL.length - 1];

describeWithRealPostgres('runMigrations on PostgreSQL', () => {
  it('migrates a fresh database, then finds it current without running anything, and still applies a migration that is missing', async () => {
    const database = await createTestDatabase((await realPostgresUrl())!);
    // One connection is enough: TypeORM migrates on a connection of its own while this pool's holds the lock.
    const db = await SqlDatabase.open(database.url, { poolSize: 1, applicationName: 'migrations-test' });
    try {
      expect(await runMigrations(db)).toEqual(ALL);
      expect(await runMigrations(db)).toEqual([]);
      // As if the newest migration had not shipped yet when this database was last migrated.
      // The migrations only call query(), which SqlDatabase has.
      await new postgresMigrations[postgresMigrations.length - 1]().down(db as unknown as QueryRunner);
      await db.query('DELETE FROM typeorm_migrations WHERE name = $1', [NEWEST]);
      expect(await runMigrations(db)).toEqual([NEWEST]);
      const [row] = await db.query<{ recorded: number }>('SELECT count(*)::int AS recorded FROM typeorm_migrations');
      expect(row.recorded).toBe(ALL.length);
    } finally {
      await db.close();
      await database.drop();
    }
  }, 60_000);
});
