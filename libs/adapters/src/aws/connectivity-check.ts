import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { WorkQueue } from '@pipeline/domain/ports/work-queue.js';
import type { SqlQueryable } from '../postgres/sql-database.js';

export interface CheckResult {
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
  readonly error?: string;
}

export interface ConnectivityReport {
  readonly ok: boolean;
  readonly checks: Readonly<Record<'s3' | 'sqs' | 'dynamodb' | 'postgresql', CheckResult>>;
}

export const isTestInvocation = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { test?: unknown }).test === true;

const TIMEOUT_MS = 5_000;

/**
 * `{"test": true}`: reads (never writes) through the same ports the processor uses, so a pass
 * means the function's network path and permissions work, not just that an endpoint answers.
 */
export async function checkConnectivity(deps: {
  store: ObjectStore;
  queue: WorkQueue;
  events: EventStore;
  database: SqlQueryable;
}): Promise<ConnectivityReport> {
  const [s3, sqs, dynamodb, postgresql] = await Promise.all([
    probe(async () => {
      await Promise.all([deps.store.head('raw/.connectivity-check'), deps.store.head('processed/.connectivity-check')]);
      return 'raw and processed buckets readable';
    }),
    probe(async () => {
      const [depth, dead] = await Promise.all([deps.queue.depth(), deps.queue.deadLetterDepth()]);
      return `queue: ${depth.visible} waiting, ${depth.inFlight} in flight; DLQ: ${dead}`;
    }),
    probe(async () => {
      await deps.events.readStream('connectivity-check');
      return 'event table readable';
    }),
    probe(async () => {
      const [row] = await deps.database.query<{ version: string }>('SELECT version() AS version');
      return String(row.version).split(' ').slice(0, 2).join(' ');
    }),
  ]);
  return { ok: [s3, sqs, dynamodb, postgresql].every((c) => c.ok), checks: { s3, sqs, dynamodb, postgresql } };
}

async function probe(run: () => Promise<string>): Promise<CheckResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([run(), timeout]);
    return { ok: true, ms: Date.now() - started, detail };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: (error as Error)?.message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}
