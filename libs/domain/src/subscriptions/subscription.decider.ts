import { accept, type DecideResult, type Decider, refuse } from '../decider.js';
import type { SubscriptionEvent, SubscriptionProtocol } from '../events/subscription-events.js';

export type RequestSubscription = {
  readonly type: 'RequestSubscription';
  readonly data: {
    readonly subscriptionId: string;
    readonly protocol: SubscriptionProtocol;
    /** Already validated and normalised (see validateEndpoint). */
    readonly endpoint: string;
    /** The delivery provider's own id (an SNS subscription ARN), when it has one. */
    readonly providerRef?: string;
    /** True when the provider still waits for the subscriber to confirm (SNS e-mail). */
    readonly pendingConfirmation: boolean;
    readonly at: string;
  };
};
export type ConfirmSubscription = { readonly type: 'ConfirmSubscription'; readonly data: { readonly at: string } };
export type CancelSubscription = { readonly type: 'CancelSubscription'; readonly data: { readonly at: string } };
export type SubscriptionCommand = RequestSubscription | ConfirmSubscription | CancelSubscription;

export type SubscriptionStatus = 'none' | 'pending' | 'confirmed' | 'cancelled';

export interface SubscriptionState {
  readonly status: SubscriptionStatus;
  readonly subscriptionId: string;
  readonly protocol: SubscriptionProtocol | null;
  readonly endpoint: string;
}

export const initialSubscriptionState: SubscriptionState = { status: 'none', subscriptionId: '', protocol: null, endpoint: '' };

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  switch (event.type) {
    case 'SubscriptionRequested':
      return { status: 'pending', subscriptionId: event.data.subscriptionId, protocol: event.data.protocol, endpoint: event.data.endpoint };
    case 'SubscriptionConfirmed':
      return { ...state, status: 'confirmed' };
    case 'SubscriptionCancelled':
      return { ...state, status: 'cancelled' };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/**
 * A subscription is requested once, confirmed (at once locally; by the subscriber with SNS e-mail)
 * and cancelled at most once. Repeating a command that already took effect is a no-op.
 */
export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState): DecideResult<SubscriptionEvent> {
  switch (command.type) {
    case 'RequestSubscription':
      return request(command, state);
    case 'ConfirmSubscription':
      if (state.status === 'none') return refuse('SUBSCRIPTION_NOT_FOUND', 'no such subscription');
      if (state.status === 'cancelled') return refuse('SUBSCRIPTION_CANCELLED', `subscription ${state.subscriptionId} is cancelled`);
      if (state.status === 'confirmed') return accept();
      return accept({ type: 'SubscriptionConfirmed', data: { subscriptionId: state.subscriptionId, confirmedAt: command.data.at } });
    case 'CancelSubscription':
      if (state.status === 'none') return refuse('SUBSCRIPTION_NOT_FOUND', 'no such subscription');
      if (state.status === 'cancelled') return accept();
      return accept({ type: 'SubscriptionCancelled', data: { subscriptionId: state.subscriptionId, cancelledAt: command.data.at } });
    default: {
      const unknownCommand: never = command;
      throw new TypeError(`unknown subscription command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

function request({ data }: RequestSubscription, state: SubscriptionState): DecideResult<SubscriptionEvent> {
  if (state.status !== 'none') {
    const same = state.protocol === data.protocol && state.endpoint === data.endpoint;
    return same ? accept() : refuse('SUBSCRIPTION_CONFLICT', `subscription ${state.subscriptionId} already exists with another endpoint`);
  }
  const { subscriptionId, protocol, endpoint, providerRef, at } = data;
  const requested: SubscriptionEvent = {
    type: 'SubscriptionRequested',
    data: { subscriptionId, protocol, endpoint, requestedAt: at, ...(providerRef ? { providerRef } : {}) },
  };
  if (data.pendingConfirmation) return accept(requested);
  return accept<SubscriptionEvent>(requested, { type: 'SubscriptionConfirmed', data: { subscriptionId, confirmedAt: at } });
}

export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionEvent, SubscriptionState> = {
  initialState: initialSubscriptionState,
  evolve: evolveSubscription,
  decide: decideSubscription,
};
