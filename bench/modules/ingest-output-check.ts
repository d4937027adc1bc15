import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { queryScalar } from '../core/scratch-database.js';

export interface SinkCounts {
  readonly postgresRows: number;
  readonly parquetFiles: number;
  readonly parquetRows: number;
  readonly jsonlRows: number;
}

/**
 * Counts what one ingestion really left behind in every sink, so a benchmark cannot pass by doing
 * nothing: rows in processed_data, rows in its Parquet files (read back with DuckDB), JSON lines.
 */
export async function countSinkOutputs(databaseUrl: string, dataDir: string, dataset: string, ingestionId: string): Promise<SinkCounts> {
  const postgresRows = Number(await queryScalar(databaseUrl, 'SELECT count(*) FROM processed_data WHERE ingestion_id = $1', [ingestionId]));
  const files = await filesUnder(join(dataDir, 'objects', 'processed', `dataset=${dataset}`));
  const mine = files.filter((f) => f.includes(ingestionId));
  const parquet = mine.filter((f) => f.endsWith('.parquet'));
  let jsonlRows = 0;
  for (const file of mine.filter((f) => f.endsWith('.jsonl'))) jsonlRows += await countLines(file);
  return { postgresRows, parquetFiles: parquet.length, parquetRows: await parquetRowCount(parquet), jsonlRows };
}

async function parquetRowCount(files: readonly string[]): Promise<number> {
  if (files.length === 0) return 0;
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const list = files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet([${list}])`);
    return Number(reader.getRows()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** JSON Lines escape newlines inside values, so newline bytes count records. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) lines += 1;
  }
  return lines;
}
