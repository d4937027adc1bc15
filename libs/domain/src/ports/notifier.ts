export interface Notification {
  readonly subject: string;
  readonly text: string;
  readonly json: unknown;
}

export interface NotifierSubscription {
  readonly id: string;
  readonly protocol: 'EMAIL' | 'WEBHOOK';
  readonly endpoint: string;
}

/** Delivers notifications to subscribers (e-mail, https webhooks, SNS). */
export abstract class Notifier {
  /** @example await notifier.publish('reports', { subject, text, json }) */
  abstract publish(topic: 'reports' | 'alerts', notification: Notification): Promise<{ delivered: string[]; failed: string[] }>;
  abstract subscribe(topic: 'reports' | 'alerts', protocol: 'EMAIL' | 'WEBHOOK', endpoint: string): Promise<NotifierSubscription>;
  abstract unsubscribe(subscriptionId: string): Promise<void>;
}
