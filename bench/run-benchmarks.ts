import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS } from './benchmark-registry.js';
import { BenchUsageError, parseBenchOptions, USAGE } from './core/bench-options.js';
import { onAbort, runAbortCleanups } from './core/exit-cleanup.js';
import type { BenchContext, BenchmarkModule, BenchOptions } from './core/benchmark-module.js';
import { ProgressReporter } from './core/progress-reporter.js';
import { acquirePostgres, PostgresUnavailableError, type PostgresServer } from './core/postgres-server.js';
import { markdownTable, verdictLines } from './core/result-table.js';
import { writeLatestResults, type ModuleOutcome } from './core/results-file.js';
import { queryScalar } from './core/scratch-database.js';

const progress = new ProgressReporter();
let server: PostgresServer | null = null;
let postgresDescription: string | null = null;

async function main(argv: readonly string[]): Promise<number> {
  const { help, list, ...options } = parseBenchOptions(argv);
  if (help) return (void process.stdout.write(`${USAGE}\n`), 0);
  if (list) return (void process.stdout.write(BENCHMARKS.map((b) => `${b.name.padEnd(12)} ${b.description}\n`).join('')), 0);
  const selected = selectBenchmarks(options);
  const root = repoRoot();
  const startedAt = new Date();
  const ctx: BenchContext = { root, cacheDir: join(root, 'bench', '.cache'), options, progress, postgresUrl: () => postgresUrl(root) };
  const outcomes: ModuleOutcome[] = [];
  for (const benchmark of selected) {
    progress.say(`${benchmark.name}: ${benchmark.description}`);
    try {
      outcomes.push({ name: benchmark.name, result: await benchmark.run(ctx) });
    } catch (error) {
      if (error instanceof PostgresUnavailableError) throw error;
      progress.clear();
      progress.say(`${benchmark.name} FAILED: ${(error as Error).message}`);
      outcomes.push({ name: benchmark.name, error: (error as Error).message });
    }
  }
  printReport(outcomes);
  const file = await writeLatestResults(root, { startedAt, options, postgres: postgresDescription, outcomes });
  progress.say(`results written to ${file}`);
  return outcomes.some((o) => o.error) ? 1 : 0;
}

function selectBenchmarks(options: BenchOptions): BenchmarkModule[] {
  const unknown = options.only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0)
    throw new BenchUsageError(`unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  return BENCHMARKS.filter((b) => (options.only.length > 0 ? options.only.includes(b.name) : b.byDefault(options)));
}

async function postgresUrl(root: string): Promise<string> {
  if (!server) {
    server = acquirePostgres(root);
    onAbort(stopServer);
    const version = await queryScalar(server.url, 'SHOW server_version');
    postgresDescription = `PostgreSQL ${String(version)}: ${server.description}`;
    progress.say(postgresDescription);
  }
  return server.url;
}

function printReport(outcomes: readonly ModuleOutcome[]): void {
  const results = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const lines = [markdownTable(results.flatMap((r) => r.rows)), ''];
  const verdicts = results.flatMap((r) => r.verdicts);
  if (verdicts.length > 0) lines.push(verdictLines(verdicts), '');
  for (const o of outcomes) {
    if (o.error) lines.push(`${o.name}: FAILED — ${o.error}`, '');
    else if (o.result && o.result.notes.length > 0) lines.push(`${o.name}:`, ...o.result.notes.map((n) => `- ${n}`), '');
  }
  if (postgresDescription) lines.push(`Server: ${postgresDescription}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The checkout root: the first folder above this file holding package.json (works from bench/ and dist/bench/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the checkout root (no package.json above the benchmark)');
    dir = parent;
  }
  return dir;
}

function stopServer(): void {
  try {
    server?.stop();
  } catch (error) {
    progress.say(`could not stop the throwaway PostgreSQL: ${(error as Error).message}`);
  }
  server = null;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress.say(`${signal}: stopping`);
    runAbortCleanups((message) => progress.say(message));
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    progress.clear();
    if (error instanceof PostgresUnavailableError) return (progress.say(`cannot run: ${error.message}`), 2);
    if (error instanceof BenchUsageError) return (progress.say(`${error.message}\n${USAGE}`), 2);
    console.error(error);
    return 1;
  })
  .then((code) => {
    stopServer();
    process.exit(code);
  });
