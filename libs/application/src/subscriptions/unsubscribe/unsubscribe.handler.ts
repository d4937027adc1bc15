import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@pipeline/domain/ports/clock.js';
import { Notifier } from '@pipeline/domain/ports/notifier.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import { subscriptionStreamId } from '@pipeline/domain/events/subscription-events.js';
import { PortError } from '@pipeline/domain/errors.js';
import { decideSubscription } from '@pipeline/domain/subscriptions/subscription.decider.js';
import { DomainEventPublisher } from '../../event-sourcing/domain-event-publisher.js';
import { subscriptionFold } from '../subscription-stream.js';
import { Unsubscribe, type UnsubscribeResult } from './unsubscribe.command.js';

@CommandHandler(Unsubscribe)
export class UnsubscribeHandler implements ICommandHandler<Unsubscribe, UnsubscribeResult> {
  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly store: SubscriptionStore,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  async execute(command: Unsubscribe): Promise<UnsubscribeResult> {
    const view = await this.store.get(command.subscriptionId);
    if (!view) return { outcome: 'not-found', subscription: null };
    if (view.status === 'cancelled') return { outcome: 'already-cancelled', subscription: view };
    // The provider first: a cancelled subscription must not keep receiving from SNS.
    if (view.providerRef) await this.notifier.unsubscribe(view.providerRef);
    const decided = await this.publisher.decide(subscriptionStreamId(view.subscriptionId), subscriptionFold, (s) =>
      decideSubscription({ type: 'CancelSubscription', data: { at: this.clock.now().toISOString() } }, s),
    );
    if (!decided.ok) throw new PortError('INVALID_INPUT', decided.message);
    return { outcome: 'cancelled', subscription: (await this.store.get(view.subscriptionId)) ?? view };
  }
}
