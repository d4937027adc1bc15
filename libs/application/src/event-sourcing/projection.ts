import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';

/**
 * A read-model projection. Projections are awaited by the DomainEventPublisher right after
 * an append (Nest's EventBus is fire-and-forget and would swallow their errors), so a failed
 * projection fails the command and the queue retries it. They must be idempotent.
 */
export abstract class Projection {
  abstract readonly name: string;
  /** True when this projection cares about the event type. */
  abstract handles(type: string): boolean;
  abstract project(event: StoredEvent): Promise<void>;
}

/** Multi-provider token listing every projection. */
export const PROJECTIONS = 'PROJECTIONS';
