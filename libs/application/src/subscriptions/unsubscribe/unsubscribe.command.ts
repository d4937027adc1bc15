import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';

/** Cancels a report subscription. Cancelling twice is harmless; an unknown id is `not-found`. */
export class Unsubscribe {
  constructor(
    readonly subscriptionId: string,
    readonly requestedBy: string,
  ) {}
}

export type UnsubscribeResult =
  | { readonly outcome: 'cancelled' | 'already-cancelled'; readonly subscription: SubscriptionView }
  | { readonly outcome: 'not-found'; readonly subscription: null };
