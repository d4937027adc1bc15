import { postgresMigrations } from './postgres-migrations.js';
import { queryableOn, type SqlConnection, type SqlDatabase, type SqlQueryable } from './sql-database.js';

// Any constant works; it only has to differ from the other advisory locks the pipeline takes.
const MIGRATION_LOCK = 0x4d494752; // 'MIGR'

/**
 * Brings the schema up to date and returns the names of the migrations it ran. TypeORM stays the
 * project's schema-migrations tool (the classes in `postgres-migrations.ts`, recorded in
 * `typeorm_migrations`), while pg (SqlDatabase) is the runtime driver: TypeORM is imported only when a
 * migration is pending, so a cold start on a current schema never loads it. Pending migrations run in
 * one transaction under a session advisory lock, so processes that start together (API and worker
 * against one server) take turns instead of racing on the same DDL.
 * @example const db = await SqlDatabase.open(url); const ran = await runMigrations(db);
 */
export async function runMigrations(db: SqlDatabase): Promise<string[]> {
  if (await allMigrationsRecorded(db)) return [];
  const lock = await db.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Whoever held the lock before us may have migrated already. Asked on the lock's own connection,
    // so a pool of one connection is enough.
    if (await allMigrationsRecorded(queryableOn(lock))) return [];
    return await migrateWithTypeorm(db.connection);
  } finally {
    const unlocked = await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
      () => true,
      () => false,
    );
    lock.release(!unlocked); // a connection that could not unlock is closed, which frees its lock
  }
}

/** A short-lived TypeORM DataSource of one connection to the same server, for TypeORM's migration executor only. */
async function migrateWithTypeorm(target: SqlConnection): Promise<string[]> {
  const { DataSource } = await import('typeorm');
  const ds = new DataSource({
    type: 'postgres',
    url: target.url,
    entities: [],
    migrations: [...postgresMigrations],
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: 1,
    applicationName: target.applicationName,
    connectTimeoutMS: target.connectionTimeoutMs,
  });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * The common case at start-up (every Lambda cold start): the schema is current. One query tells,
 * without the advisory lock, a second connection or TypeORM. Anything else (no table yet, a
 * migration missing) takes the locked path.
 */
async function allMigrationsRecorded(db: SqlQueryable): Promise<boolean> {
  // What TypeORM records: the instance's `name` (each migration sets it), else the class name.
  const names = postgresMigrations.map((M) => new M().name ?? M.name);
  try {
    const [row] = await db.query<{ recorded: number }>(
      `SELECT count(DISTINCT name)::int AS recorded FROM typeorm_migrations WHERE name = ANY($1::text[])`,
      [names],
    );
    return row?.recorded === names.length;
  } catch {
    return false; // typeorm_migrations does not exist yet: a fresh database
  }
}
