export type SubscriptionProtocol = 'EMAIL' | 'WEBHOOK';

export type SubscriptionRequested = {
  readonly type: 'SubscriptionRequested';
  readonly data: {
    readonly subscriptionId: string;
    readonly protocol: SubscriptionProtocol;
    readonly endpoint: string;
    readonly requestedAt: string;
    /** The delivery provider's own id for it (an SNS subscription ARN), when it has one. */
    readonly providerRef?: string;
  };
};
export type SubscriptionConfirmed = {
  readonly type: 'SubscriptionConfirmed';
  readonly data: { readonly subscriptionId: string; readonly confirmedAt: string };
};
export type SubscriptionCancelled = {
  readonly type: 'SubscriptionCancelled';
  readonly data: { readonly subscriptionId: string; readonly cancelledAt: string };
};
export type SubscriptionEvent = SubscriptionRequested | SubscriptionConfirmed | SubscriptionCancelled;

export const subscriptionStreamId = (id: string): string => `subscription-${id}`;
