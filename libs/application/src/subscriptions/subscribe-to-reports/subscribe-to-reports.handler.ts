import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { Notifier } from '@pipeline/domain/ports/notifier.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import { subscriptionStreamId } from '@pipeline/domain/events/subscription-events.js';
import { PortError } from '@pipeline/domain/errors.js';
import { EndpointPolicy } from '@pipeline/domain/subscriptions/endpoint-policy.js';
import { checkEndpoint, InvalidEndpointError } from '@pipeline/domain/subscriptions/endpoint-validation.js';
import { decideSubscription } from '@pipeline/domain/subscriptions/subscription.decider.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { subscriptionFold } from '../subscription-stream.js';
import { SubscribeToReports, type SubscribeToReportsResult } from './subscribe-to-reports.command.js';

@CommandHandler(SubscribeToReports)
export class SubscribeToReportsHandler implements ICommandHandler<SubscribeToReports, SubscribeToReportsResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly store: SubscriptionStore,
    private readonly notifier: Notifier,
    private readonly policy: EndpointPolicy,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubscribeToReports): Promise<SubscribeToReportsResult> {
    if (command.protocol !== 'EMAIL' && command.protocol !== 'WEBHOOK') {
      throw new InvalidEndpointError(command.endpoint, `unknown protocol ${JSON.stringify(command.protocol)} (EMAIL or WEBHOOK)`);
    }
    const check = checkEndpoint(command.protocol, command.endpoint, this.policy);
    if (!check.ok) throw new InvalidEndpointError(command.endpoint, check.reason);
    const existing = await this.store.findActive(command.protocol, check.endpoint);
    if (existing) return { subscription: existing, created: false };

    const provider = await this.notifier.subscribe('reports', command.protocol, check.endpoint);
    const subscriptionId = randomUUID();
    const at = this.clock.now().toISOString();
    const decided = await this.publisher.decide(subscriptionStreamId(subscriptionId), subscriptionFold, (s) =>
      decideSubscription(
        {
          type: 'RequestSubscription',
          data: {
            subscriptionId,
            protocol: command.protocol,
            endpoint: check.endpoint,
            providerRef: provider.id,
            pendingConfirmation: provider.pending === true,
            at,
          },
        },
        s,
      ),
    );
    if (!decided.ok) throw new PortError('INVALID_INPUT', decided.message);
    const subscription = await this.store.get(subscriptionId);
    if (!subscription) throw new PortError('NOT_FOUND', `subscription ${subscriptionId} has no read model row`);
    return { subscription, created: true };
  }
}
