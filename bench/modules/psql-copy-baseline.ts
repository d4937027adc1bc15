import { runMeasured } from '../core/measured-process.js';
import { formatMegabytes, type ProgressReporter } from '../core/progress-reporter.js';
import { queryScalar, withClient } from '../core/scratch-database.js';
import { BENCH_COPY_TABLE_DDL } from '../data/bench-orders-contract.js';
import type { CsvFile } from '../data/cached-csv.js';

export interface CopyBaseline {
  readonly seconds: number;
  readonly peakRssBytes: number | null;
}

/**
 * The ceiling: `psql \copy` of the same file into a typed plain table (no indexes), created fresh.
 * Wall clock around the psql process, as a user would time it; the row count is checked after.
 */
export async function runPsqlCopyBaseline(databaseUrl: string, csv: CsvFile, progress: ProgressReporter): Promise<CopyBaseline> {
  await withClient(databaseUrl, async (client) => {
    await client.query('DROP TABLE IF EXISTS bench_copy');
    await client.query(BENCH_COPY_TABLE_DDL);
  });
  progress.say(`psql \\copy of ${csv.rows} rows (${formatMegabytes(csv.bytes)})`);
  const copy = `\\copy bench_copy FROM '${csv.path.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`;
  const run = await runMeasured('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-q', databaseUrl, '-c', copy], {
    onSample: (elapsed) => progress.update('psql \\copy', 'running', elapsed),
  });
  progress.clear();
  if (run.exitCode !== 0) throw new Error(`psql \\copy failed (exit ${run.exitCode ?? run.signal}): ${run.stderrTail.trim()}`);
  const loaded = Number(await queryScalar(databaseUrl, 'SELECT count(*) FROM bench_copy'));
  if (loaded !== csv.rows) throw new Error(`psql \\copy loaded ${loaded} rows, the file has ${csv.rows}`);
  progress.say(`psql \\copy: ${run.seconds.toFixed(2)} s`);
  return { seconds: run.seconds, peakRssBytes: run.peakRssBytes };
}
