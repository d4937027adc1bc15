import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatMegabytes, type ProgressReporter } from '../core/progress-reporter.js';
import { GENERATOR_VERSION, writeOrdersCsv, type CsvSpec } from './generate-csv.js';

export interface CsvFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * The orders CSV for `spec`, generated once into `cacheDir` and reused by later runs. The name
 * carries every parameter; a `.meta.json` beside it records the row count (unknown up front in
 * size mode) and is written last, so a half-written file is never taken for a finished one.
 */
export async function cachedOrdersCsv(cacheDir: string, spec: CsvSpec, progress: ProgressReporter): Promise<CsvFile> {
  const size = 'rows' in spec ? `rows${spec.rows}` : `bytes${spec.targetBytes}`;
  const path = join(cacheDir, `orders-v${GENERATOR_VERSION}-seed${spec.seed}-${size}.csv`);
  const cached = await readMeta(path);
  if (cached) {
    progress.say(`using cached ${path} (${cached.rows} rows, ${formatMegabytes(cached.bytes)})`);
    return cached;
  }
  await mkdir(cacheDir, { recursive: true });
  progress.say(`generating ${path}`);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const partial = `${path}.partial`;
  try {
    const result = await writeOrdersCsv(partial, spec, (rows, bytes) =>
      progress.update('generate', `${rows.toLocaleString('en-US')} rows, ${formatMegabytes(bytes)}`, elapsed()),
    );
    await rename(partial, path);
    await writeFile(`${path}.meta.json`, JSON.stringify({ ...result, spec, generatorVersion: GENERATOR_VERSION }) + '\n');
    progress.say(`generated ${result.rows} rows, ${formatMegabytes(result.bytes)} in ${elapsed().toFixed(1)} s`);
    return { path, ...result };
  } finally {
    await rm(partial, { force: true });
  }
}

async function readMeta(path: string): Promise<CsvFile | null> {
  try {
    const meta = JSON.parse(await readFile(`${path}.meta.json`, 'utf8')) as { rows: number; bytes: number };
    const onDisk = await stat(path);
    return onDisk.size === meta.bytes ? { path, rows: meta.rows, bytes: meta.bytes } : null;
  } catch {
    return null;
  }
}
