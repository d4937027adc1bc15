import type { StoredEvent } from '../events/domain-event.js';
import type { SubscriptionEvent, SubscriptionProtocol } from '../events/subscription-events.js';

export type SubscriptionViewStatus = 'pending' | 'confirmed' | 'cancelled';

/** The `subscriptions` read model row. */
export interface SubscriptionView {
  readonly subscriptionId: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly status: SubscriptionViewStatus;
  readonly providerRef: string | null;
  readonly requestedAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly lastEventVersion: number;
}

/** Folds a subscription stream into its view; null before SubscriptionRequested. */
export function foldSubscriptionView(events: readonly StoredEvent[]): SubscriptionView | null {
  let view: SubscriptionView | null = null;
  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as SubscriptionEvent;
    view = apply(view, event);
    if (view) view = { ...view, lastEventVersion: stored.version };
  }
  return view;
}

function apply(view: SubscriptionView | null, event: SubscriptionEvent): SubscriptionView | null {
  switch (event.type) {
    case 'SubscriptionRequested': {
      const d = event.data;
      return {
        subscriptionId: d.subscriptionId,
        protocol: d.protocol,
        endpoint: d.endpoint,
        status: 'pending',
        providerRef: d.providerRef ?? null,
        requestedAt: d.requestedAt,
        confirmedAt: null,
        cancelledAt: null,
        lastEventVersion: 0,
      };
    }
    case 'SubscriptionConfirmed':
      return view && { ...view, status: view.status === 'cancelled' ? 'cancelled' : 'confirmed', confirmedAt: event.data.confirmedAt };
    case 'SubscriptionCancelled':
      return view && { ...view, status: 'cancelled', cancelledAt: event.data.cancelledAt };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
