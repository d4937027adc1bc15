import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkResult, BenchOptions } from './benchmark-module.js';

export interface ModuleOutcome {
  readonly name: string;
  readonly result?: BenchmarkResult;
  readonly error?: string;
}

/** bench/results/latest.json: the same figures as the table, for tools and for comparing runs. */
export async function writeLatestResults(
  root: string,
  run: { startedAt: Date; options: BenchOptions; postgres: string | null; outcomes: readonly ModuleOutcome[] },
): Promise<string> {
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'latest.json');
  const document = {
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemoryBytes: totalmem(),
    },
    postgres: run.postgres,
    options: run.options,
    benchmarks: run.outcomes,
  };
  await writeFile(path, JSON.stringify(document, null, 2) + '\n');
  return path;
}
