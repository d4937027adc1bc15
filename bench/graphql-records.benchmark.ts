import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, BenchmarkModule, BenchmarkResult, ResultRow } from './core/benchmark-module.js';
import { createScratchDatabase } from './core/scratch-database.js';
import type { ChildProcess } from 'node:child_process';
import { freePort, runLoad, startServer, stopServer, type LoadResult } from './graphql-load.js';
import { loadBenchRecords } from './graphql-records-data.js';
import { GRAPHQL_FIRST_PAGE, PAGE_SIZE } from './graphql-records-sql.js';

const CONNECTIONS = 50;
/** The 20 s per endpoint, as alternating rounds; BENCH_GRAPHQL_SECONDS shortens it for a quick look. */
const SECONDS = Number(process.env.BENCH_GRAPHQL_SECONDS ?? 20);
const ROUNDS = 4;
const WARMUP_SECONDS = 3;
const MIN_RATE_VS_BARE = 0.5;
const MAX_P99_MS = 50;

interface Target {
  readonly label: string;
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  readonly ready: RegExp;
  readonly request: (port: number) => { url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string };
  /** Rows in one answer, to check the server answers what it should before loading it. */
  readonly rowsIn: (body: unknown) => number;
}

/** `processedRecords(first: 100)` over 1M stored rows under autocannon, next to a bare pg + node:http endpoint running the same SQL. */
export const graphqlRecordsBenchmark: BenchmarkModule = {
  name: 'graphql-records',
  description: 'GraphQL processedRecords(first: 100) vs bare pg + node:http, 50 connections',
  byDefault: () => true,
  async run(ctx) {
    const db = await createScratchDatabase(await ctx.postgresUrl(), 'graphql');
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-graphql-'));
    try {
      const key = await loadBenchRecords(db.url, ctx.options.rows, ctx.progress);
      const [bare, api] = await measureAlternating(ctx, [bareTarget(ctx.root, db.url), apiTarget(ctx.root, db.url, dataDir, key)]);
      return report(ctx.options.rows, bare, api);
    } finally {
      if (!ctx.options.keep) {
        await db.drop();
        await rm(dataDir, { recursive: true, force: true });
      } else ctx.progress.say(`graphql-records: kept database ${db.name} and ${dataDir}`);
    }
  },
};

function bareTarget(root: string, databaseUrl: string): Target {
  return {
    label: 'bare pg + node:http, same SQL',
    script: join(root, 'dist/bench/graphql-bare-endpoint.js'),
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    ready: /listening/,
    request: (port) => ({ url: `http://127.0.0.1:${port}/records`, method: 'GET', headers: {} }),
    rowsIn: (body) => (body as { rows: unknown[] }).rows.length,
  };
}

function apiTarget(root: string, databaseUrl: string, dataDir: string, key: string): Target {
  return {
    label: `GraphQL API processedRecords(first: ${PAGE_SIZE})`,
    script: join(root, 'dist/apps/api/src/main.js'),
    env: {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      DATASETS_DIR: join(dataDir, 'none'),
      PIPELINE_MODE: 'local',
      ENVIRONMENT: 'bench',
      NODE_ENV: 'production', // as the bare endpoint, and as a deployed server runs
    },
    ready: /API is running/,
    request: (port) => ({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: GRAPHQL_FIRST_PAGE }),
    }),
    rowsIn: (body) => (body as { data: { processedRecords: { edges: unknown[] } } }).data.processedRecords.edges.length,
  };
}

interface Measured {
  readonly label: string;
  readonly requests: number;
  readonly seconds: number;
  /** p99 of each round, ms: the load on a shared machine drifts, so both endpoints get the same mix of quiet and busy moments. */
  readonly p99s: number[];
  readonly p50s: number[];
  readonly failures: number;
}

/** Both servers up at once; alternating rounds of load so neither gets the machine's quiet (or busy) spell to itself. */
async function measureAlternating(ctx: BenchContext, targets: readonly Target[]): Promise<Measured[]> {
  const started: { target: Target; request: ReturnType<Target['request']>; server: ChildProcess }[] = [];
  try {
    for (const target of targets) {
      const port = await freePort();
      const server = await startServer(target.script, { ...target.env, PORT: String(port) }, target.ready);
      started.push({ target, request: target.request(port), server });
      await checkAnswer(target, target.request(port));
    }
    for (const s of started) await runLoad({ ...s.request, connections: CONNECTIONS, duration: WARMUP_SECONDS });
    const results: Measured[] = started.map((s) => ({ label: s.target.label, requests: 0, seconds: 0, p99s: [], p50s: [], failures: 0 }));
    ctx.progress.say(`graphql-records: ${ROUNDS} alternating rounds of ${SECONDS / ROUNDS} s × ${CONNECTIONS} connections per endpoint`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, s] of started.entries()) {
        const load = await runLoad({ ...s.request, connections: CONNECTIONS, duration: SECONDS / ROUNDS });
        results[i] = accumulate(results[i], load);
        ctx.progress.say(
          `graphql-records: round ${round + 1}, ${s.target.label}: ${Math.round(load.requests.total / load.duration)} req/s, p99 ${load.latency.p99} ms`,
        );
      }
    }
    return results;
  } finally {
    for (const s of started) await stopServer(s.server);
  }
}

async function checkAnswer(target: Target, request: ReturnType<Target['request']>): Promise<void> {
  const probe = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
  });
  const rows = target.rowsIn(await probe.json());
  if (probe.status !== 200 || rows !== PAGE_SIZE)
    throw new Error(`${target.label} answered ${probe.status} with ${rows} rows, expected 200 with ${PAGE_SIZE}`);
}

const accumulate = (m: Measured, load: LoadResult): Measured => ({
  ...m,
  requests: m.requests + load.requests.total,
  seconds: m.seconds + load.duration,
  p99s: [...m.p99s, load.latency.p99],
  p50s: [...m.p50s, load.latency.p50],
  failures: m.failures + load.non2xx + load.errors + load.timeouts,
});

const worst = (values: readonly number[]): number => Math.max(...values);
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function report(rows: number, bare: Measured, api: Measured): BenchmarkResult {
  const row = (m: Measured): ResultRow => ({
    benchmark: 'graphql-records',
    path: `${m.label} — p99 ${median(m.p99s)} ms (worst round ${worst(m.p99s)} ms)`,
    rows: m.requests,
    seconds: m.seconds,
  });
  const rate = (m: Measured) => m.requests / m.seconds;
  const ratio = rate(api) / rate(bare);
  const ingestions = Math.ceil(rows / 10_000);
  return {
    // "rows" are requests here, so rows/s reads as requests/s.
    rows: [row(bare), row(api)],
    verdicts: [
      {
        target: `GraphQL API ≥ ${MIN_RATE_VS_BARE}× the bare endpoint's requests/s`,
        measured: `${ratio.toFixed(2)}× (${Math.round(rate(api))} vs ${Math.round(rate(bare))} req/s)`,
        pass: ratio >= MIN_RATE_VS_BARE,
      },
      {
        target: `GraphQL API p99 < ${MAX_P99_MS} ms`,
        measured: `median round ${median(api.p99s)} ms, worst ${worst(api.p99s)} ms`,
        pass: worst(api.p99s) < MAX_P99_MS,
      },
    ],
    notes: [
      `${rows.toLocaleString('en-US')} rows in processed_data (${ingestions} ingestions of 10,000, a minute apart); every request reads the first page of ${PAGE_SIZE}. ` +
        `autocannon (in the benchmark process) with ${CONNECTIONS} connections, ${SECONDS} s per endpoint in ${ROUNDS} alternating rounds after a ${WARMUP_SECONDS} s warm-up; ` +
        'each server is one Node process (NODE_ENV=production) with a pool of 10 connections, on the same machine as PostgreSQL and autocannon.',
      'In this table "rows" are requests, so rows/s is requests/s. The bare endpoint runs the API reader\'s exact SQL and writes the rows as JSON: no framework, GraphQL or API-key check ' +
        "(pg parses each record's jsonb there, its default; the API copies the jsonb text into its answer). " +
        'The GraphQL query selects what the bare endpoint returns: cursor, data, dataset, ingestionId, rowNumber, ingestedAt for each edge, and pageInfo.',
      `failed requests (non-2xx, errors, timeouts): bare ${bare.failures}, API ${api.failures}; median p50 bare ${median(bare.p50s)} ms, API ${median(api.p50s)} ms.`,
    ],
  };
}
