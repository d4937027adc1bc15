import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { HEAD_KEY, type EventItem, type PositionItem } from './event-items.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AppendPlan {
  readonly streamId: string;
  readonly expectedVersion: number;
  /** The head position read before the transaction. */
  readonly head: number;
  readonly items: readonly EventItem[];
  readonly positions: readonly PositionItem[];
}

/** What a failed append transaction means. */
export type AppendFailure = 'stream-conflict' | 'retry' | 'other';

const NOT_THERE = 'attribute_not_exists(streamId)';

/**
 * The items of one append, in a fixed order so DynamoDB's per-item cancellation reasons can be
 * read back: [head, expected-version check?, events…, position entries…].
 */
export function appendTransaction(table: string, plan: AppendPlan): { items: TransactItem[]; explain(error: unknown): AppendFailure } {
  const head: TransactItem = {
    Put: {
      TableName: table,
      Item: { ...HEAD_KEY, position: plan.head + plan.items.length },
      ConditionExpression: plan.head === 0 ? NOT_THERE : '#p = :head',
      ...(plan.head === 0 ? {} : { ExpressionAttributeNames: { '#p': 'position' }, ExpressionAttributeValues: { ':head': plan.head } }),
    },
  };
  const check: TransactItem[] =
    plan.expectedVersion > 0
      ? [
          {
            ConditionCheck: {
              TableName: table,
              Key: { streamId: plan.streamId, version: plan.expectedVersion },
              ConditionExpression: 'attribute_exists(streamId)',
            },
          },
        ]
      : [];
  const puts = (items: readonly object[]): TransactItem[] =>
    items.map((Item) => ({ Put: { TableName: table, Item: { ...Item }, ConditionExpression: NOT_THERE } }));
  const items = [head, ...check, ...puts(plan.items), ...puts(plan.positions)];
  const streamItems = new Set(Array.from({ length: check.length + plan.items.length }, (_, i) => i + 1));
  return { items, explain: (error) => explainCancellation(error, streamItems) };
}

/**
 * A failed condition on the version check or an event item: another writer appended to the stream.
 * Only the head (another stream's append got in first) or a transaction conflict: try again.
 */
function explainCancellation(error: unknown, streamItems: ReadonlySet<number>): AppendFailure {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name === 'TransactionConflictException') return 'retry';
  if (e?.name !== 'TransactionCanceledException' || !e.CancellationReasons) return 'other';
  const codes = e.CancellationReasons.map((r) => r.Code ?? 'None');
  if (codes.some((code, i) => code === 'ConditionalCheckFailed' && streamItems.has(i))) return 'stream-conflict';
  if (codes.every((code) => code === 'None' || code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return 'retry';
  return 'other';
}
