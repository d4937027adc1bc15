import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { Injectable } from '@nestjs/common';
import { ConcurrencyConflictError, PortError, UnavailableError } from '@pipeline/domain/errors.js';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { EventStore, type NewEvent } from '@pipeline/domain/ports/event-store.js';
import { toPortError } from '../aws/aws-errors.js';
import { HEAD_KEY, POSITION_PARTITION_SIZE, positionItemOf, positionPartition, storedEventOf, type EventItem } from './event-items.js';
import { appendTransaction } from './append-transaction.js';

export interface DynamoDbEventStoreOptions {
  /** Items per Query page (default: DynamoDB's 1 MB pages); small values exercise paging in tests. */
  readonly pageSize?: number;
  /** Positions per `$all#<n>` partition (default 10,000). Fixed for the life of a table. */
  readonly positionPartitionSize?: number;
}

/** TransactWriteItems takes 100 items; an append writes 2 per event plus the head and a version check. */
const MAX_EVENTS_PER_APPEND = 49;
const MAX_ATTEMPTS = 12;

/**
 * EventStore on DynamoDB (EVENT_TABLE). An append is one transaction: each event is a conditional
 * put (`attribute_not_exists`), so two writers can never both write version N, plus a check that
 * version `expectedVersion` exists, plus the global head moved from p to p+n on condition that it
 * is still p. The head serialises appends (as the PostgreSQL store's advisory lock does), which
 * makes positions gap-free and committed in order: a reader of the global order never misses an
 * event that commits later with a smaller position.
 */
@Injectable()
export class DynamoDbEventStore extends EventStore {
  private readonly partitionSize: number;
  /** Appends of this process, one at a time (see `append`). */
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly options: DynamoDbEventStoreOptions = {},
  ) {
    super();
    this.partitionSize = options.positionPartitionSize ?? POSITION_PARTITION_SIZE;
  }

  /**
   * Appends of one process run one at a time: they all move the one head item, so running them
   * side by side only adds failed transactions — and moto (unlike DynamoDB) does not isolate
   * concurrent TransactWriteItems calls, so side by side they could both pass the head check.
   */
  append(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<{ version: number }> {
    const run = this.appending.then(() => this.appendNow(streamId, events, expectedVersion));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendNow(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<{ version: number }> {
    checkStreamId(streamId);
    if (events.length > MAX_EVENTS_PER_APPEND)
      throw new PortError('INVALID_INPUT', `at most ${MAX_EVENTS_PER_APPEND} events per append (got ${events.length})`);
    if (events.length === 0) {
      if ((await this.currentVersion(streamId)) !== expectedVersion) throw new ConcurrencyConflictError(streamId, expectedVersion);
      return { version: expectedVersion };
    }
    for (let attempt = 1; ; attempt++) {
      const head = await this.latestPosition();
      const recordedAt = new Date().toISOString();
      const items: EventItem[] = events.map((e, i) => ({
        streamId,
        version: expectedVersion + 1 + i,
        position: head + 1 + i,
        type: e.type,
        data: JSON.stringify(e.data ?? null),
        recordedAt,
      }));
      const transaction = appendTransaction(this.table, {
        streamId,
        expectedVersion,
        head,
        items,
        positions: items.map((e) => positionItemOf(e, this.partitionSize)),
      });
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: transaction.items, ClientRequestToken: randomUUID() }));
        return { version: expectedVersion + events.length };
      } catch (error) {
        const outcome = transaction.explain(error);
        if (outcome === 'stream-conflict') throw new ConcurrencyConflictError(streamId, expectedVersion, { cause: error });
        if (outcome !== 'retry') throw toPortError(error, `append to ${streamId} in ${this.table}`);
        if (attempt >= MAX_ATTEMPTS)
          throw new UnavailableError(`append to ${streamId}: the event table stayed contended for ${MAX_ATTEMPTS} attempts`, {
            cause: error,
          });
        await sleep(Math.random() * 20 * attempt);
      }
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    checkStreamId(streamId);
    const items = await this.query({ KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': streamId } }, Infinity);
    return items.map(storedEventOf);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const head = await this.latestPosition();
    const events: StoredEvent[] = [];
    let after = Math.max(0, Math.floor(afterPosition));
    while (events.length < limit && after < head) {
      const want = limit - events.length;
      const partition = Math.floor((after + 1) / this.partitionSize);
      const items = await this.query(
        {
          KeyConditionExpression: 'streamId = :p AND version > :after',
          ExpressionAttributeValues: { ':p': positionPartition(after + 1, this.partitionSize), ':after': after },
        },
        want,
      );
      events.push(...items.map(storedEventOf));
      // Positions are gap-free: fewer items than asked means the partition is read to its end.
      after = items.length === want ? events[events.length - 1].position : (partition + 1) * this.partitionSize - 1;
    }
    return events;
  }

  /** The last position handed out (0 for an empty store). */
  async latestPosition(): Promise<number> {
    try {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: HEAD_KEY, ConsistentRead: true }));
      return Item ? Number(Item.position) : 0;
    } catch (error) {
      throw toPortError(error, `read the head of ${this.table}`);
    }
  }

  private async currentVersion(streamId: string): Promise<number> {
    const input = { KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': streamId }, ScanIndexForward: false };
    const [last] = await this.query(input, 1);
    return last ? Number(last.version) : 0;
  }

  /** A strongly consistent Query, page after page, up to `max` items. */
  private async query(input: Omit<QueryCommandInput, 'TableName'>, max: number): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const pageLimit = Math.min(this.options.pageSize ?? Infinity, max - items.length);
      const page = await this.client
        .send(
          new QueryCommand({
            ...input,
            TableName: this.table,
            ConsistentRead: true,
            ExclusiveStartKey: start,
            ...(Number.isFinite(pageLimit) ? { Limit: pageLimit } : {}),
          }),
        )
        .catch((error: unknown) => {
          throw toPortError(error, `query ${this.table}`);
        });
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && items.length < max);
    return items;
  }
}

function checkStreamId(streamId: string): void {
  if (!streamId || streamId.startsWith('$'))
    throw new PortError('INVALID_INPUT', `stream id ${JSON.stringify(streamId)} is empty or reserved (starts with $)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
