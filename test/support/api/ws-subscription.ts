import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What a subscription has produced so far: results, and the error or completion that ended it. */
export interface SubscriptionProbe<T> {
  readonly results: T[];
  readonly ended: Promise<{ error?: unknown; completed?: true }>;
  /** Resolves with the first `n` results (rejects if the subscription ends first or after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  dispose(): Promise<void>;
}

/** Opens a graphql-ws connection (optionally with an API key in the connection params) and subscribes. */
export function subscribe<T = unknown>(
  httpUrl: string,
  key: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): SubscriptionProbe<T> {
  const client: Client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  const results: T[] = [];
  const waiters = new Set<() => void>();
  let settle: (v: { error?: unknown; completed?: true }) => void = () => undefined;
  const ended = new Promise<{ error?: unknown; completed?: true }>((resolve) => (settle = resolve));
  let done: { error?: unknown; completed?: true } | null = null;
  const finish = (v: { error?: unknown; completed?: true }) => {
    done = v;
    settle(v);
    for (const w of waiters) w();
  };
  client.subscribe<T>(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (value) => {
        results.push(value as T);
        for (const w of waiters) w();
      },
      error: (error) => finish({ error }),
      complete: () => finish({ completed: true }),
    },
  );
  return {
    results,
    ended,
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (results.length >= n) return finishWait(() => resolve(results.slice(0, n)));
          if (done) return finishWait(() => reject(new Error(`subscription ended after ${results.length} results: ${describe(done)}`)));
        };
        const timer = setTimeout(
          () => finishWait(() => reject(new Error(`only ${results.length} of ${n} results within ${timeoutMs} ms`))),
          timeoutMs,
        );
        const finishWait = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      }),
    dispose: () => client.dispose() as Promise<void>,
  };
}

function describe(v: { error?: unknown; completed?: true } | null): string {
  if (!v) return 'still open';
  if (v.completed) return 'completed';
  const e = v.error as { code?: number; reason?: string; message?: string } | readonly { message: string }[];
  if (Array.isArray(e)) return e.map((x) => x.message).join('; ');
  return `${(e as { code?: number }).code ?? ''} ${(e as { reason?: string }).reason ?? (e as { message?: string }).message ?? String(e)}`;
}
