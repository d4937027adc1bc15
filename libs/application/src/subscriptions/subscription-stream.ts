import type { SubscriptionEvent } from '@pipeline/domain/events/subscription-events.js';
import {
  evolveSubscription,
  initialSubscriptionState,
  type SubscriptionState,
} from '@pipeline/domain/subscriptions/subscription.decider.js';
import type { StreamFold } from '../event-sourcing/domain-event-publisher.js';

export const subscriptionFold: StreamFold<SubscriptionState, SubscriptionEvent> = {
  initial: initialSubscriptionState,
  evolve: evolveSubscription,
};
