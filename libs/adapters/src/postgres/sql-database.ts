import pg, { type PoolClient, type QueryArrayConfig, type QueryConfig, type QueryResult } from 'pg';

export interface SqlDatabaseOptions {
  /** Connections in the pool (default 10). On embedded PGlite keep it below the socket server's maxConnections. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity (default 'data-pipeline'). */
  readonly applicationName?: string;
  /** Give up opening a connection after this long (default 10 s) instead of hanging on an unreachable host. */
  readonly connectionTimeoutMs?: number;
}

export interface SqlConnection {
  readonly url: string;
  readonly applicationName: string;
  readonly connectionTimeoutMs: number;
}

/** Whatever runs SQL and hands back rows: the database itself, or one transaction's connection. */
export interface SqlQueryable {
  /**
   * The rows of one statement, whatever its command (an UPDATE or DELETE without RETURNING gives []).
   * @example const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [id]);
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The runtime's PostgreSQL access: a `pg` pool and nothing more (TypeORM only runs the schema
 * migrations, see postgres-migration-runner.ts). Driver errors pass through unchanged, so adapters
 * read their SQLSTATE `code` (postgres-errors.ts).
 */
export class SqlDatabase implements SqlQueryable {
  private open = true;

  private constructor(
    private readonly pool: pg.Pool,
    /** Where this pool connects, for what opens a connection of its own to the same server (the migration runner). */
    readonly connection: SqlConnection,
  ) {}

  /**
   * A pool that has connected once, so an unreachable server or bad credentials fail here, not at the first query.
   * @example const db = await SqlDatabase.open(process.env.DATABASE_URL!, { poolSize: 2, applicationName: 'data-pipeline-cli' });
   */
  static async open(url: string, options: SqlDatabaseOptions = {}): Promise<SqlDatabase> {
    const connection = {
      url,
      applicationName: options.applicationName ?? 'data-pipeline',
      connectionTimeoutMs: options.connectionTimeoutMs ?? 10_000,
    };
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: connection.applicationName,
      connectionTimeoutMillis: connection.connectionTimeoutMs,
    });
    // A connection that breaks (server restart, terminated backend) emits 'error', which would crash the
    // process without a listener. Idle, the pool drops it and the next checkout opens a new one; checked
    // out, its pending and later queries fail with the cause, which is where callers see it.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      (await pool.connect()).release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new SqlDatabase(pool, connection);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** @example const rows = await db.query<{ name: string }>('SELECT name FROM datasets ORDER BY name'); */
  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return rowsOf<T>(await this.pool.query(sql, params as unknown[] | undefined));
  }

  /**
   * BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow when `work` throws. Inside, query only
   * through `tx`: on PGlite (one transaction at a time) a query through the database would wait for this one.
   * @example await db.transaction(async (tx) => { await tx.query('SELECT pg_advisory_xact_lock($1)', [42]); await tx.query(insert, params); });
   */
  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = queryableOn(client);
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A failed ROLLBACK leaves the connection in an unknown state: destroy it rather than pool it.
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw error;
    }
  }

  /**
   * A dedicated pooled connection (COPY streams, session advisory locks). The caller
   * must `release()` it, passing an error or `true` when its state is unknown so the pool destroys it.
   * @example const client = await db.connect(); try { await client.query('BEGIN'); … } finally { client.release(); }
   */
  connect(): Promise<PoolClient> {
    return this.pool.connect();
  }

  /**
   * The rows of a pg QueryConfig (per-query type parsers, `rowMode: 'array'`), on the pool like `query()`.
   * @example const rows = await db.queryConfig<[string, number]>({ text: 'SELECT name, n FROM t', rowMode: 'array' });
   */
  async queryConfig<T>(config: QueryConfig | QueryArrayConfig): Promise<T[]> {
    return (await this.pool.query(config as QueryConfig)).rows as T[];
  }

  /** Ends the pool once every checked-out connection is released; later calls do nothing. */
  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.pool.end();
  }
}

/** A checked-out connection seen as a SqlQueryable (rows only), e.g. to run a check on the connection holding a lock. */
export function queryableOn(client: PoolClient): SqlQueryable {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => rowsOf<T>(await client.query(sql, params as unknown[] | undefined)),
  };
}

// A string of several statements without parameters gives one result per statement: take the last one's rows.
function rowsOf<T>(result: QueryResult | QueryResult[]): T[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as T[];
}
