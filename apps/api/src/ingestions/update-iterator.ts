import { Logger } from '@nestjs/common';
import type { IngestionUpdateFeed } from '@pipeline/application/ingestion/ingestion-updates/ingestion-update-feed.js';
import type { IngestionUpdate } from '@pipeline/application/ingestion/ingestion-updates/ingestion-update.js';

const MAX_QUEUED = 10_000;
const logger = new Logger('IngestionUpdated');

/**
 * Adapts the feed's push callbacks to the AsyncIterator a GraphQL subscription returns. Updates
 * wait in a bounded queue while the client is slow; closing the subscription unsubscribes.
 */
export function feedIterator<T>(
  feed: IngestionUpdateFeed,
  accept: (u: IngestionUpdate) => boolean,
  map: (u: IngestionUpdate) => T,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  const unsubscribe = feed.subscribe((update) => {
    if (closed || !accept(update)) return;
    if (queue.length >= MAX_QUEUED) logger.warn('a subscriber is not keeping up; dropping its oldest update');
    if (queue.length >= MAX_QUEUED) queue.shift();
    queue.push(map(update));
    wake?.();
  });
  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    if (!closed) {
      closed = true;
      (await unsubscribe)();
      wake?.();
    }
    return { done: true, value: undefined };
  };
  return {
    async next(): Promise<IteratorResult<T>> {
      await unsubscribe;
      while (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      return closed ? { done: true, value: undefined } : { done: false, value: queue.shift() as T };
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
