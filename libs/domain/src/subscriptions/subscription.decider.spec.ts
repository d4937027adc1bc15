import { given } from '../ingestion/given-when-then.spec-support.js';
import type { SubscriptionEvent } from '../events/subscription-events.js';
import { subscriptionDecider, type RequestSubscription } from './subscription.decider.js';
import { foldSubscriptionView } from './subscription-view.js';

const request = (pendingConfirmation: boolean, endpoint = 'ops@example.com'): RequestSubscription => ({
  type: 'RequestSubscription',
  data: { subscriptionId: 's1', protocol: 'EMAIL', endpoint, providerRef: 'arn:x', pendingConfirmation, at: 't0' },
});
const requested: SubscriptionEvent = {
  type: 'SubscriptionRequested',
  data: { subscriptionId: 's1', protocol: 'EMAIL', endpoint: 'ops@example.com', requestedAt: 't0', providerRef: 'arn:x' },
};
const confirmed: SubscriptionEvent = { type: 'SubscriptionConfirmed', data: { subscriptionId: 's1', confirmedAt: 't0' } };
const cancelled: SubscriptionEvent = { type: 'SubscriptionCancelled', data: { subscriptionId: 's1', cancelledAt: 't1' } };

describe('Subscription decider', () => {
  it('confirms at once when the provider needs no confirmation (local delivery)', () => {
    given(subscriptionDecider).when(request(false)).then(requested, confirmed);
  });

  it('waits for confirmation when the provider says so (SNS e-mail)', () => {
    given(subscriptionDecider).when(request(true)).then(requested);
    given(subscriptionDecider, requested)
      .when({ type: 'ConfirmSubscription', data: { at: 't0' } })
      .then(confirmed);
  });

  it('repeating a request is a no-op; another endpoint on the same id is refused', () => {
    given(subscriptionDecider, requested, confirmed).when(request(false)).then();
    given(subscriptionDecider, requested).when(request(false, 'other@example.com')).thenRefuses('SUBSCRIPTION_CONFLICT');
  });

  it('cancels once', () => {
    given(subscriptionDecider, requested, confirmed)
      .when({ type: 'CancelSubscription', data: { at: 't1' } })
      .then(cancelled);
    given(subscriptionDecider, requested, confirmed, cancelled)
      .when({ type: 'CancelSubscription', data: { at: 't2' } })
      .then();
    given(subscriptionDecider, requested, cancelled)
      .when({ type: 'ConfirmSubscription', data: { at: 't2' } })
      .thenRefuses('SUBSCRIPTION_CANCELLED');
    given(subscriptionDecider)
      .when({ type: 'CancelSubscription', data: { at: 't' } })
      .thenRefuses('SUBSCRIPTION_NOT_FOUND');
  });

  it('folds into the read model view', () => {
    const stored = [requested, confirmed, cancelled].map((e, i) => ({
      ...e,
      streamId: 'subscription-s1',
      version: i + 1,
      position: i + 1,
      recordedAt: '',
    }));
    expect(foldSubscriptionView(stored)).toEqual({
      subscriptionId: 's1',
      protocol: 'EMAIL',
      endpoint: 'ops@example.com',
      status: 'cancelled',
      providerRef: 'arn:x',
      requestedAt: 't0',
      confirmedAt: 't0',
      cancelledAt: 't1',
      lastEventVersion: 3,
    });
  });
});
