import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, BenchmarkModule, BenchmarkResult, ResultRow } from './core/benchmark-module.js';
import { createScratchDatabase } from './core/scratch-database.js';
import { freePort, runLoad, startServer, stopServer, type LoadResult } from './graphql-load.js';
import { loadBenchRecords } from './graphql-records-data.js';
import { GRAPHQL_FIRST_PAGE, PAGE_SIZE } from './graphql-records-sql.js';

const CONNECTIONS = 50;
/** The 20 s; BENCH_GRAPHQL_SECONDS shortens it for a quick look. */
const SECONDS = Number(process.env.BENCH_GRAPHQL_SECONDS ?? 20);
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
      const bare = await measure(ctx, bareTarget(ctx.root, db.url));
      const api = await measure(ctx, apiTarget(ctx.root, db.url, dataDir, key));
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
    env: { DATABASE_URL: databaseUrl },
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

async function measure(ctx: BenchContext, target: Target): Promise<{ label: string; load: LoadResult }> {
  const port = await freePort();
  const server = await startServer(target.script, { ...target.env, PORT: String(port) }, target.ready);
  try {
    const request = target.request(port);
    const probe = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body ? { body: request.body } : {}),
    });
    const rows = target.rowsIn(await probe.json());
    if (probe.status !== 200 || rows !== PAGE_SIZE)
      throw new Error(`${target.label} answered ${probe.status} with ${rows} rows, expected 200 with ${PAGE_SIZE}`);
    ctx.progress.say(`graphql-records: ${target.label}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s × ${CONNECTIONS} connections`);
    await runLoad({ ...request, connections: CONNECTIONS, duration: WARMUP_SECONDS });
    const load = await runLoad({ ...request, connections: CONNECTIONS, duration: SECONDS });
    ctx.progress.say(`graphql-records: ${target.label}: ${Math.round(load.requests.average)} req/s, p99 ${load.latency.p99} ms`);
    return { label: target.label, load };
  } finally {
    await stopServer(server);
  }
}

function report(rows: number, bare: { label: string; load: LoadResult }, api: { label: string; load: LoadResult }): BenchmarkResult {
  const row = (m: { label: string; load: LoadResult }, baselineSeconds?: number): ResultRow => ({
    benchmark: 'graphql-records',
    path: `${m.label} — p99 ${m.load.latency.p99} ms`,
    rows: m.load.requests.total,
    seconds: m.load.duration,
    ...(baselineSeconds === undefined ? {} : { baselineSeconds }),
  });
  const rate = (m: LoadResult) => m.requests.total / m.duration;
  const ratio = rate(api.load) / rate(bare.load);
  return {
    // "rows" are requests here, so rows/s reads as requests/s.
    rows: [row(bare), row(api)],
    verdicts: [
      {
        target: `GraphQL API ≥ ${MIN_RATE_VS_BARE}× the bare endpoint's requests/s`,
        measured: `${ratio.toFixed(2)}× (${Math.round(rate(api.load))} vs ${Math.round(rate(bare.load))} req/s)`,
        pass: ratio >= MIN_RATE_VS_BARE,
      },
      { target: `GraphQL API p99 < ${MAX_P99_MS} ms`, measured: `${api.load.latency.p99} ms`, pass: api.load.latency.p99 < MAX_P99_MS },
    ],
    notes: [
      `${rows.toLocaleString('en-US')} rows in processed_data (100 ingestions a minute apart), the first page of ${PAGE_SIZE} each request; ` +
        `autocannon ${CONNECTIONS} connections × ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up, in the benchmark process; each server is one Node process with a pool of 10.`,
      'In this table "rows" are requests, so rows/s is requests/s. The bare endpoint runs the API reader\'s exact SQL and writes the rows as JSON: no framework, GraphQL or API-key check.',
      `non-2xx / errors / timeouts: bare ${bare.load.non2xx}/${bare.load.errors}/${bare.load.timeouts}, API ${api.load.non2xx}/${api.load.errors}/${api.load.timeouts}; ` +
        `p50 bare ${bare.load.latency.p50} ms, API ${api.load.latency.p50} ms.`,
    ],
  };
}
