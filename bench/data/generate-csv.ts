import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { orderCsvHeader, orderCsvLine } from './order-row.js';
import { SeededRandom } from './seeded-random.js';

/** Bump when the rows change, so cached files made by an older generator are not reused. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20261126;

/** Either a row count, or a target size in bytes (rows are added until the file reaches it). */
export type CsvSpec = { readonly seed: number } & ({ readonly rows: number } | { readonly targetBytes: number });

export interface CsvWriteResult {
  readonly rows: number;
  readonly bytes: number;
}

/** Called after every flushed chunk (~600 rows): throttle in the callback. */
export type CsvProgress = (rows: number, bytes: number) => void;

const FLUSH_CHARS = 1 << 16;

/**
 * Streams the deterministic orders CSV to `path`: same spec, same bytes. Memory stays at one
 * 64 KiB chunk plus the stream's buffer, so the 1 GB file costs no more than the small one.
 */
export async function writeOrdersCsv(path: string, spec: CsvSpec, onProgress?: CsvProgress): Promise<CsvWriteResult> {
  const random = new SeededRandom(spec.seed);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const done = (rows: number, bytes: number) => ('rows' in spec ? rows >= spec.rows : bytes >= spec.targetBytes);
  let chunk = orderCsvHeader();
  let bytes = 0;
  let rows = 0;
  while (!done(rows, bytes + chunk.length)) {
    rows += 1;
    chunk += orderCsvLine(random, rows);
    if (chunk.length < FLUSH_CHARS) continue;
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
    onProgress?.(rows, bytes);
  }
  bytes += chunk.length;
  out.end(chunk);
  await finished(out);
  onProgress?.(rows, bytes);
  return { rows, bytes };
}

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30 };

/** '1GB' → 1e9, '1GiB' → 2^30, '500MB', '2048'. */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toUpperCase()] : undefined;
  if (!match || unit === undefined) throw new Error(`not a size: ${JSON.stringify(text)} (try 1GB, 1GiB, 500MB)`);
  return Math.round(Number(match[1]) * unit);
}

// Standalone use: node dist/bench/data/generate-csv.js --out FILE [--rows N | --size 1GB] [--seed S]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, rows: { type: 'string' }, size: { type: 'string' }, seed: { type: 'string' } },
  });
  if (!values.out) throw new Error('--out FILE is required');
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  const spec: CsvSpec = values.size ? { seed, targetBytes: parseByteSize(values.size) } : { seed, rows: Number(values.rows ?? 1_000_000) };
  const started = performance.now();
  const result = await writeOrdersCsv(values.out, spec);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${values.out}: ${result.rows} rows, ${result.bytes} bytes in ${seconds.toFixed(1)} s\n`);
}
