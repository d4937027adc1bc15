import { DuckDBInstance } from '@duckdb/node-api';

export interface ParquetTable {
  /** Column names and DuckDB type names as DuckDB reads the file, e.g. 'TIMESTAMP WITH TIME ZONE', 'DECIMAL(18,6)'. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /**
   * Rows in DuckDB's lossless JSON form: BIGINT and DECIMAL as strings ('42', '12345.678901'),
   * TIMESTAMPTZ as '2024-03-10 07:30:00.123+00' (session zone UTC), DATE as '2024-03-10',
   * DOUBLE and BOOLEAN as numbers and booleans, JSON columns as their text.
   */
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Reads Parquet the way consumers will (DuckDB, like Athena, honours the UTC-adjusted timestamps),
 * so tests check what was written rather than what the writer meant to write.
 * @example const { columns, rows } = await readParquet(`${dir}/processed/**\/*.parquet`, { hivePartitioning: true, orderBy: '_row' })
 */
export async function readParquet(
  pathOrGlob: string | readonly string[],
  options: { hivePartitioning?: boolean; orderBy?: string } = {},
): Promise<ParquetTable> {
  const paths = typeof pathOrGlob === 'string' ? [pathOrGlob] : pathOrGlob;
  const list = `[${paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ')}]`;
  const order = options.orderBy ? ` ORDER BY "${options.orderBy.replaceAll('"', '""')}"` : '';
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    // After connect: setting the zone needs the icu extension, which loads with the first statement.
    await connection.run("SET TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_parquet(${list}, hive_partitioning = ${options.hivePartitioning ? 'true' : 'false'})${order}`,
    );
    const names = reader.columnNames();
    const types = reader.columnTypes();
    return {
      columns: names.map((name, i) => ({ name, type: types[i].toString() })),
      rows: reader.getRowObjectsJson() as Record<string, unknown>[],
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
