import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Notifier, type Notification, type NotifierSubscription } from '@pipeline/domain/ports/notifier.js';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import type { MailTransport } from './mail-transport.js';
import type { WebhookSender } from './webhook-sender.js';

type Delivery = { readonly id: string; readonly ok: true } | { readonly id: string; readonly ok: false; readonly error: string };

/**
 * Local delivery: signed webhook POSTs with retries, and e-mail as .eml files (or SMTP).
 * Subscribers are the confirmed rows of the subscriptions read model; the store is the source of
 * truth, so subscribe/unsubscribe here have nothing to do beyond handing out a reference.
 */
export class LocalNotifier extends Notifier {
  private readonly logger = new Logger('LocalNotifier');

  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly webhooks: WebhookSender,
    private readonly mail: MailTransport,
    private readonly from: string,
  ) {
    super();
  }

  async publish(topic: 'reports' | 'alerts', notification: Notification) {
    // Only report subscriptions exist so far; alerts have no local subscribers.
    const targets =
      topic === 'reports' ? (await this.subscriptions.list({ includeCancelled: false })).filter((s) => s.status === 'confirmed') : [];
    const results = await Promise.all(targets.map((s) => this.deliver(s, notification)));
    const delivered = results.filter((r) => r.ok).map((r) => r.id);
    const failures = results.filter((r): r is Extract<Delivery, { ok: false }> => !r.ok);
    return { delivered, failed: failures.map((f) => f.id), errors: Object.fromEntries(failures.map((f) => [f.id, f.error])) };
  }

  async subscribe(_topic: 'reports' | 'alerts', protocol: 'EMAIL' | 'WEBHOOK', endpoint: string): Promise<NotifierSubscription> {
    return { id: `local:${randomUUID()}`, protocol, endpoint };
  }

  async unsubscribe(): Promise<void> {
    // Nothing is held outside the subscriptions read model.
  }

  private async deliver(s: SubscriptionView, n: Notification): Promise<Delivery> {
    const deliveryId = randomUUID();
    try {
      if (s.protocol === 'WEBHOOK') {
        const outcome = await this.webhooks.send(s.endpoint, JSON.stringify(n.json), { deliveryId, event: eventName(n.json) });
        return outcome.ok ? { id: s.subscriptionId, ok: true } : { id: s.subscriptionId, ok: false, error: outcome.error };
      }
      const where = await this.mail.send({
        from: this.from,
        to: s.endpoint,
        subject: n.subject,
        text: n.text,
        html: n.html,
        id: deliveryId,
      });
      this.logger.log(`e-mail for subscription ${s.subscriptionId}: ${where}`);
      return { id: s.subscriptionId, ok: true };
    } catch (error) {
      return { id: s.subscriptionId, ok: false, error: (error as Error).message };
    }
  }
}

const eventName = (json: unknown): string => {
  const type = (json as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : 'notification';
};
