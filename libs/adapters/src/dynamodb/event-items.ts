import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';

/**
 * The event table's items. One table, key `streamId` (S) + `version` (N), three kinds of item:
 * - an event: `{streamId, version, position, type, data, recordedAt}` (`data` is JSON text, so
 *   every value round-trips exactly, whatever DynamoDB's type rules say about numbers and empties);
 * - its entry in the global order: the same event under `streamId = "$all#<n>"`, `version =
 *   position`, where `<n>` is position / POSITION_PARTITION_SIZE — a strongly consistent Query
 *   reads events by position without a (eventually consistent) GSI;
 * - the head: `{streamId: "$head", version: 0, position}`, the last position handed out.
 * Stream ids starting with `$` are reserved for these.
 */
export const HEAD_KEY = { streamId: '$head', version: 0 } as const;
export const POSITION_PARTITION_SIZE = 10_000;

export const positionPartition = (position: number, size = POSITION_PARTITION_SIZE): string => `$all#${Math.floor(position / size)}`;

export interface EventItem {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly type: string;
  readonly data: string;
  readonly recordedAt: string;
}

export interface PositionItem {
  readonly streamId: string;
  readonly version: number;
  readonly eventStreamId: string;
  readonly eventVersion: number;
  readonly type: string;
  readonly data: string;
  readonly recordedAt: string;
}

export function positionItemOf(event: EventItem, partitionSize: number): PositionItem {
  return {
    streamId: positionPartition(event.position, partitionSize),
    version: event.position,
    eventStreamId: event.streamId,
    eventVersion: event.version,
    type: event.type,
    data: event.data,
    recordedAt: event.recordedAt,
  };
}

export function storedEventOf(item: Record<string, unknown>): StoredEvent {
  const fromIndex = typeof item.eventStreamId === 'string';
  return {
    streamId: String(fromIndex ? item.eventStreamId : item.streamId),
    version: Number(fromIndex ? item.eventVersion : item.version),
    position: Number(fromIndex ? item.version : item.position),
    type: String(item.type) as StoredEvent['type'],
    data: JSON.parse(String(item.data)) as StoredEvent['data'],
    recordedAt: String(item.recordedAt),
  };
}
