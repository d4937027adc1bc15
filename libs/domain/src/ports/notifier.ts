export interface Notification {
  readonly subject: string;
  readonly text: string;
  readonly json: unknown;
  /** A self-contained HTML body for e-mail (adapters that cannot send HTML use `text`). */
  readonly html?: string;
}

export interface NotifierSubscription {
  readonly id: string;
  readonly protocol: 'EMAIL' | 'WEBHOOK';
  readonly endpoint: string;
  /** True while the provider waits for the subscriber to confirm (SNS e-mail); absent means confirmed. */
  readonly pending?: boolean;
}

/** Delivers notifications to subscribers (e-mail, https webhooks, SNS). */
export abstract class Notifier {
  /** @example await notifier.publish('reports', { subject, text, json }) */
  abstract publish(
    topic: 'reports' | 'alerts',
    notification: Notification,
  ): Promise<{ delivered: string[]; failed: string[]; errors?: Readonly<Record<string, string>> }>;
  abstract subscribe(topic: 'reports' | 'alerts', protocol: 'EMAIL' | 'WEBHOOK', endpoint: string): Promise<NotifierSubscription>;
  abstract unsubscribe(subscriptionId: string): Promise<void>;
}
