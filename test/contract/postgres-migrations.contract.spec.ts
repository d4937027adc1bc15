import { createPostgresDataSource, runMigrations } from '@pipeline/adapters/postgres/postgres-data-source.js';
import { postgresMigrations } from '@pipeline/adapters/postgres/postgres-migrations.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { realPostgresUrl } from '@pipeline/testing/postgres/real-postgres-url.js';
import { createTestDatabase } from '@pipeline/testing/postgres/test-database.js';

const ALL = postgresMigrations.map((M) => new M().name);
const NEWEST = ALL[ALL.length - 1];

describeWithRealPostgres('runMigrations on PostgreSQL', () => {
  it('migrates a fresh database, then finds it current without running anything, and still applies a migration that is missing', async () => {
    const database = await createTestDatabase((await realPostgresUrl())!);
    const ds = await createPostgresDataSource(database.url, { poolSize: 2 }).initialize();
    try {
      expect(await runMigrations(ds)).toEqual(ALL);
      expect(await runMigrations(ds)).toEqual([]);
      // As if the newest migration had not shipped yet when this database was last migrated.
      const runner = ds.createQueryRunner();
      await new postgresMigrations[postgresMigrations.length - 1]().down(runner);
      await runner.release();
      await ds.query('DELETE FROM typeorm_migrations WHERE name = $1', [NEWEST]);
      expect(await runMigrations(ds)).toEqual([NEWEST]);
      const [row]: { recorded: number }[] = await ds.query('SELECT count(*)::int AS recorded FROM typeorm_migrations');
      expect(row.recorded).toBe(ALL.length);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  }, 60_000);
});
