import type { SubscriptionProtocol } from '@pipeline/domain/events/subscription-events.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';

/**
 * Subscribes an e-mail address or a webhook URL to the daily report. Subscribing an endpoint that
 * already has a live subscription returns that one (`created: false`). An endpoint that breaks the
 * rules (https only outside local mode, no link-local or metadata hosts) throws InvalidEndpointError.
 * @example await commandBus.execute(new SubscribeToReports('WEBHOOK', 'https://hooks.example.com/reports', 'api'))
 */
export class SubscribeToReports {
  constructor(
    readonly protocol: SubscriptionProtocol,
    readonly endpoint: string,
    readonly requestedBy: string,
  ) {}
}

export interface SubscribeToReportsResult {
  readonly subscription: SubscriptionView;
  readonly created: boolean;
}
