import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { subscriptionStreamId } from '@pipeline/domain/events/subscription-events.js';
import { EventStore } from '@pipeline/domain/ports/event-store.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import { foldSubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import { Projection } from '../event-sourcing/projection.js';

const TYPES = new Set(['SubscriptionRequested', 'SubscriptionConfirmed', 'SubscriptionCancelled']);

/** Keeps `subscriptions` current by refolding the subscription's stream. */
@Injectable()
export class SubscriptionsProjection extends Projection {
  readonly name = 'subscriptions';

  constructor(
    private readonly events: EventStore,
    private readonly store: SubscriptionStore,
  ) {
    super();
  }

  handles(type: string): boolean {
    return TYPES.has(type);
  }

  async project(event: StoredEvent): Promise<void> {
    const id = (event.data as { subscriptionId: string }).subscriptionId;
    const view = foldSubscriptionView(await this.events.readStream(subscriptionStreamId(id)));
    if (view) await this.store.upsert(view);
  }
}
