import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambda } from '../../scripts/lambda/lambda-bundler.js';
import { invokeLocally, type LocalInvocation } from '../../scripts/lambda/local-invoker.js';
import { writeZip } from '../../scripts/lambda/zip-archive.js';

export interface ColdStart {
  /** Process start → handler module imported (what Lambda reports as Init Duration, roughly, plus node's own start). */
  readonly importMs: number;
  /** The first event, served by the freshly imported module (lazy Nest bootstrap included). */
  readonly firstInvokeMs: number;
  /** Process start → first response: the cold initialisation the targets are about. */
  readonly totalMs: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * `runs` cold starts of each invocation, each in a fresh node process, taken in turns (a, b, c, a, b, c, …)
 * so a busy or quiet spell on a shared machine falls on every function alike; one warm-up each first, so
 * one-time work such as database migrations is not counted. Medians of import, first invoke and total,
 * in the order given.
 */
export async function measureColdStarts(invocations: readonly LocalInvocation[], runs: number): Promise<ColdStart[]> {
  const samples: ColdStart[][] = invocations.map(() => []);
  for (let round = 0; round <= runs; round++)
    for (const [i, invocation] of invocations.entries()) {
      const t = await coldStart(invocation);
      if (round > 0) samples[i].push(t);
    }
  return samples.map((s) => ({
    importMs: median(s.map((x) => x.importMs)),
    firstInvokeMs: median(s.map((x) => x.firstInvokeMs)),
    totalMs: median(s.map((x) => x.totalMs)),
  }));
}

async function coldStart(invocation: LocalInvocation): Promise<ColdStart> {
  const result = await invokeLocally(invocation);
  if (!result.ok)
    throw new Error(
      `${invocation.functionName ?? 'function'} failed: ${JSON.stringify(result.payload).slice(0, 600)}\n${result.logs.slice(-2000)}`,
    );
  const t = result.timings;
  return { importMs: t.importMs ?? NaN, firstInvokeMs: t.firstInvokeMs ?? NaN, totalMs: t.processStartToResponseMs ?? NaN };
}

/** The floor: a handler that imports nothing and returns at once, packaged and run the same way. */
export async function minimalHandlerZip(root: string): Promise<{ zip: string; bytes: number; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const entry = join(dir, 'handler.mjs');
  writeFileSync(entry, 'export const handler = async () => ({ ok: true });\n');
  const zip = writeZip((await bundleLambda(root, 'floor', entry)).files);
  writeFileSync(join(dir, 'floor.zip'), zip);
  return { zip: join(dir, 'floor.zip'), bytes: zip.length, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
