import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import type { DynamoDbEventStore } from './dynamodb-event-store.js';

/** The event table's head item: the last position handed out. */
export class DynamoDbEventLogHead extends EventLogHead {
  constructor(private readonly store: DynamoDbEventStore) {
    super();
  }

  latestPosition(): Promise<number> {
    return this.store.latestPosition();
  }
}
