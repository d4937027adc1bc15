import { DataSource } from 'typeorm';
import { postgresMigrations } from './postgres-migrations.js';

export interface PostgresDataSourceOptions {
  /** Connections in the pool (default 10). On embedded PGlite keep it below the socket server's maxConnections. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity. */
  readonly applicationName?: string;
  /** Give up opening a connection after this long (default 10 s) instead of hanging on an unreachable host. */
  readonly connectionTimeoutMs?: number;
}

/**
 * A TypeORM DataSource for the pipeline's schema. Not yet initialised: call `initialize()`
 * (Nest's TypeOrmModule does) and then `runMigrations(ds)`. Schema changes happen only through
 * the migration classes in `postgresMigrations`; `synchronize` stays off everywhere.
 * @example const ds = await createPostgresDataSource(url).initialize(); await runMigrations(ds);
 */
export function createPostgresDataSource(url: string, options: PostgresDataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [],
    migrations: [...postgresMigrations],
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'data-pipeline',
    connectTimeoutMS: options.connectionTimeoutMs ?? 10_000,
  });
}

// Any constant works; it only has to differ from the other advisory locks the pipeline takes.
const MIGRATION_LOCK = 0x4d494752; // 'MIGR'

/**
 * Runs pending migrations in one transaction. A session advisory lock makes processes that start
 * together (API and worker against one server) take turns instead of racing on the same DDL.
 * Needs a pool of at least 2 connections: one holds the lock while TypeORM migrates on another.
 * Returns the names of the migrations it ran.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (await allMigrationsRecorded(ds)) return [];
  const lockRunner = ds.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockRunner.release();
  }
}

/**
 * The common case at start-up (every Lambda cold start): the schema is current. One query on the
 * connection already open tells, without the advisory lock, a second connection or TypeORM's
 * migration executor. Anything else (no table yet, a migration missing) takes the locked path.
 */
async function allMigrationsRecorded(ds: DataSource): Promise<boolean> {
  // What TypeORM records: the instance's `name` (each migration sets it), else the class name.
  const names = postgresMigrations.map((M) => new M().name ?? M.name);
  try {
    const [row]: { recorded: number }[] = await ds.query(
      `SELECT count(DISTINCT name)::int AS recorded FROM typeorm_migrations WHERE name = ANY($1::text[])`,
      [names],
    );
    return row?.recorded === names.length;
  } catch {
    return false; // typeorm_migrations does not exist yet: a fresh database
  }
}
