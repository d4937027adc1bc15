import type { SubscriptionView } from '../subscriptions/subscription-view.js';

/** The `subscriptions` read model: report subscribers and their state. */
export abstract class SubscriptionStore {
  /** Stores the view unless one with the same or a newer `lastEventVersion` is there. */
  abstract upsert(view: SubscriptionView): Promise<void>;
  abstract get(subscriptionId: string): Promise<SubscriptionView | null>;
  /** Oldest first. @example await store.list({ includeCancelled: false }) */
  abstract list(options: { includeCancelled: boolean }): Promise<SubscriptionView[]>;
  /** The live (pending or confirmed) subscription for this protocol and endpoint, if any. */
  abstract findActive(protocol: SubscriptionView['protocol'], endpoint: string): Promise<SubscriptionView | null>;
}
