import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkModule, Verdict } from '../core/benchmark-module.js';
import { createScratchDatabase } from '../core/scratch-database.js';
import { measureColdStarts, minimalHandlerZip, type ColdStart } from '../lambda/cold-start-runs.js';
import type { LocalInvocation } from '../../scripts/lambda/local-invoker.js';
import { startEmulatedAws } from '../lambda/emulated-aws.js';
import { FIRST_EVENTS } from '../lambda/first-events.js';
import { LAMBDA_FUNCTIONS, sourceEntry, type LambdaFunctionName } from '../../scripts/lambda/lambda-functions.js';
import { buildLambdaPackages } from '../../scripts/lambda/lambda-packages.js';

const RUNS = 9;
/** The issue's targets: init under 300 ms (processor, reporter) or 600 ms (api); each zip under 5 MB. */
const INIT_TARGET_MS: Readonly<Record<LambdaFunctionName, number>> = { api: 600, processor: 300, reporter: 300 };
const ZIP_TARGET_BYTES = 5 * 1024 * 1024;

interface Row {
  readonly name: string;
  readonly zipBytes: number;
  readonly cold: ColdStart;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function table(rows: readonly Row[], floor: Row): string {
  const lines = [
    '| Lambda | zip | import | first event | cold init (process start → first response) | over the floor |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of [floor, ...rows])
    lines.push(
      `| ${r.name} | ${mb(r.zipBytes)} | ${ms(r.cold.importMs)} | ${ms(r.cold.firstInvokeMs)} | ${ms(r.cold.totalMs)} | ${r === floor ? '—' : ms(r.cold.totalMs - floor.cold.totalMs)} |`,
    );
  return lines.join('\n');
}

function verdicts(rows: readonly Row[]): Verdict[] {
  return rows.flatMap((r) => {
    const fn = r.name as LambdaFunctionName;
    return [
      { target: `${fn}: cold init < ${INIT_TARGET_MS[fn]} ms`, measured: ms(r.cold.totalMs), pass: r.cold.totalMs < INIT_TARGET_MS[fn] },
      { target: `${fn}: zip < 5 MB`, measured: mb(r.zipBytes), pass: r.zipBytes < ZIP_TARGET_BYTES },
    ];
  });
}

/**
 * Per Lambda: the zipped package `npm run build:lambdas` makes and its cold initialisation — a
 * fresh node process laid out like a Lambda container imports the bundle and serves its first
 * event against moto and PostgreSQL — next to a minimal handler's floor measured the same way.
 */
export const lambdaColdStartBenchmark: BenchmarkModule = {
  name: 'lambda-cold-start',
  description: 'Lambda zip sizes and cold init (import + first event in a fresh node process) vs a minimal handler',
  byDefault: () => true,
  async run(ctx) {
    const present = LAMBDA_FUNCTIONS.filter((fn) => existsSync(sourceEntry(ctx.root, fn)));
    const out = await mkdtemp(join(tmpdir(), 'bench-lambda-'));
    const database = await createScratchDatabase(await ctx.postgresUrl(), 'lambda');
    const aws = await startEmulatedAws(database.url);
    const floorZip = await minimalHandlerZip(ctx.root);
    try {
      ctx.progress.say(`lambda-cold-start: packaging ${present.join(', ')}`);
      const built = await buildLambdaPackages(ctx.root, present, out);
      const layers = built.layer ? [built.layer.zipPath] : [];
      const invocation = (pkg: (typeof built.functions)[number], environment = aws.env, label: string = pkg.name): LocalInvocation => ({
        functionZip: pkg.zipPath,
        layerZips: layers,
        payload: FIRST_EVENTS[pkg.name].payload,
        environment,
        functionName: `bench-${label}`,
      });
      // Terraform's enable_source_maps = true: what stack traces into the TypeScript sources cost.
      const processor = built.functions.find((f) => f.name === 'processor');
      const withSourceMaps = processor
        ? [invocation(processor, { ...aws.env, NODE_OPTIONS: '--enable-source-maps' }, 'processor-source-maps')]
        : [];
      ctx.progress.say(
        `lambda-cold-start: ${RUNS} rounds of cold starts, taking the floor, ${present.join(', ')} and the source-maps variant in turns`,
      );
      const [floorCold, ...cold] = await measureColdStarts(
        [{ functionZip: floorZip.zip, payload: {} }, ...built.functions.map((pkg) => invocation(pkg)), ...withSourceMaps],
        RUNS,
      );
      const rows: Row[] = built.functions.map((pkg, i) => ({ name: pkg.name, zipBytes: pkg.zipBytes, cold: cold[i] }));
      const extras: Row[] = processor
        ? [{ name: 'processor, enable_source_maps = true', zipBytes: processor.zipBytes, cold: cold[built.functions.length] }]
        : [];
      const floor: Row = { name: 'minimal handler (floor)', zipBytes: floorZip.bytes, cold: floorCold };
      const notes = [
        `median of ${RUNS} cold starts per Lambda, taken in turns with the floor and the other functions, each a fresh \`node\` ${process.version} process (one warm-up run first, so database migrations are not counted) with the environment Terraform sets by default (NODE_OPTIONS empty: enable_source_maps = false); events: ${present.map((fn) => `${fn} ${FIRST_EVENTS[fn].label}`).join(', ')}; AWS is moto on 127.0.0.1, PostgreSQL a local server`,
        `native layer (DuckDB, shared by the functions that need it): ${built.layer ? mb(built.layer.zipBytes) : 'none'} zipped, not counted in the zip sizes`,
        ...(present.length < LAMBDA_FUNCTIONS.length
          ? [`not measured (no handler yet): ${LAMBDA_FUNCTIONS.filter((f) => !present.includes(f)).join(', ')}`]
          : []),
        `\n${table([...rows, ...extras], floor)}\n`,
      ];
      return { rows: [], verdicts: verdicts(rows), notes };
    } finally {
      floorZip.remove();
      await aws.stop();
      if (!ctx.options.keep) await database.drop();
      await rm(out, { recursive: true, force: true });
    }
  },
};
