import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';

/**
 * Nest's EventBus routes events by their constructor. Domain events are plain
 * `{ type, data }` values, so each `type` string gets one cached class and the bus's
 * EventIdProvider keys on that string: handlers subscribe with `eventClassFor('IngestionCompleted')`.
 */
export class PublishedEvent {
  static readonly eventType: string = '';
  constructor(readonly event: StoredEvent) {}
}

const classes = new Map<string, typeof PublishedEvent>();

export function eventClassFor(type: string): typeof PublishedEvent {
  let cls = classes.get(type);
  if (!cls) {
    cls = class extends PublishedEvent {
      static override readonly eventType = type;
    };
    Object.defineProperty(cls, 'name', { value: type });
    classes.set(type, cls);
  }
  return cls;
}

export const publishedEventOf = (event: StoredEvent): PublishedEvent => new (eventClassFor(event.type))(event);

/** EventIdProvider for CqrsModule.forRoot: the id of an event class is its domain `type` string. */
export const typeStringEventIdProvider = {
  getEventId(eventClass: unknown): string | null {
    const type = (eventClass as { eventType?: string } | undefined)?.eventType;
    return type ? type : null;
  },
};
