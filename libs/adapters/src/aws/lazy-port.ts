/** `load` run on the first call and shared by every later one; a failed load is forgotten, so the next call tries again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** How a port's member is forwarded: a method returning a promise, or one returning an async iterable. */
export type LazyMember = 'async' | 'iterable';

/** Every member of the port, named: the compiler rejects a shape that misses one. */
export type LazyPortShape<T> = { readonly [K in keyof T]-?: LazyMember };

/**
 * Stands in for an adapter until its first call, then forwards every call to it. Building an AWS
 * adapter loads its SDK package (tens of milliseconds of parsing each); behind a lazy port a Lambda
 * loads only the clients its event touches, not all of them at start-up. A failed load is retried
 * by the next call rather than remembered.
 * @example lazyPort<Notifier>(async () => new (await import('./sns/sns-notifier.js')).SnsNotifier(…), { publish: 'async', subscribe: 'async', unsubscribe: 'async' })
 */
export function lazyPort<T extends object>(load: () => Promise<T>, shape: LazyPortShape<T>): T {
  const target = loadOnce(load);
  const port: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape) as [string, LazyMember][]) {
    const call = async (args: unknown[]) => {
      const adapter = (await target()) as Record<string, (...a: unknown[]) => unknown>;
      return { adapter, result: adapter[name](...args) };
    };
    port[name] =
      member === 'iterable'
        ? async function* (...args: unknown[]) {
            yield* (await call(args)).result as AsyncIterable<unknown>;
          }
        : async (...args: unknown[]) => (await call(args)).result;
  }
  return port as T;
}
