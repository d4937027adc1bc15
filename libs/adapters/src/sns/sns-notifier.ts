import {
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
  type Subscription,
} from '@aws-sdk/client-sns';
import { PortError } from '@pipeline/domain/errors.js';
import { Notifier, type Notification, type NotifierSubscription } from '@pipeline/domain/ports/notifier.js';
import { awsErrorName, toPortError } from '../aws/aws-errors.js';

export type SnsTopics = Readonly<Record<'reports' | 'alerts', string | undefined>>;

/** SNS subjects: at most 100 characters, printable ASCII, no line breaks. */
const subjectOf = (subject: string): string =>
  subject
    .replace(/[^\x20-\x7e]/g, ' ')
    .trim()
    .slice(0, 100) || 'data-pipeline';

/**
 * Notifier over SNS topics (REPORTS_TOPIC_ARN, ALERTS_TOPIC_ARN). One publish reaches every
 * subscription: e-mail gets the text, https endpoints the JSON, through one message per protocol.
 * E-mail subscriptions stay pending until the person confirms from the mail AWS sends.
 */
export class SnsNotifier extends Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topics: SnsTopics,
  ) {
    super();
  }

  async publish(topic: 'reports' | 'alerts', notification: Notification): Promise<{ delivered: string[]; failed: string[] }> {
    const TopicArn = this.topicArn(topic);
    const json = JSON.stringify(notification.json);
    const message = {
      default: notification.text,
      email: notification.text,
      'email-json': json,
      https: json,
      http: json,
      sqs: json,
      lambda: json,
    };
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn,
          Subject: subjectOf(notification.subject),
          Message: JSON.stringify(message),
          MessageStructure: 'json',
        }),
      );
    } catch (error) {
      throw toPortError(error, `publish to ${TopicArn}`);
    }
    // SNS accepted it for every confirmed subscription; their deliveries are SNS's own (with its retries).
    const confirmed = (await this.subscriptions(TopicArn)).filter((s) => isConfirmed(s.SubscriptionArn));
    return { delivered: confirmed.map((s) => s.SubscriptionArn!), failed: [] };
  }

  async subscribe(topic: 'reports' | 'alerts', protocol: 'EMAIL' | 'WEBHOOK', endpoint: string): Promise<NotifierSubscription> {
    const TopicArn = this.topicArn(topic);
    const snsProtocol = protocol === 'EMAIL' ? 'email' : new URL(endpoint).protocol === 'http:' ? 'http' : 'https';
    try {
      const result = await this.client.send(
        new SubscribeCommand({ TopicArn, Protocol: snsProtocol, Endpoint: endpoint, ReturnSubscriptionArn: true }),
      );
      const id = result.SubscriptionArn ?? '';
      const pending = await this.isPending(TopicArn, id);
      return { id, protocol, endpoint, ...(pending ? { pending: true } : {}) };
    } catch (error) {
      throw toPortError(error, `subscribe ${snsProtocol}:${endpoint} to ${TopicArn}`);
    }
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    try {
      await this.client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionId }));
    } catch (error) {
      if (awsErrorName(error) !== 'NotFoundException' && awsErrorName(error) !== 'NotFound')
        throw toPortError(error, `unsubscribe ${subscriptionId}`);
    }
  }

  private async isPending(topicArn: string, id: string): Promise<boolean> {
    const listed = (await this.subscriptions(topicArn)).find((s) => s.SubscriptionArn === id);
    return !listed || !isConfirmed(listed.SubscriptionArn);
  }

  private async subscriptions(TopicArn: string): Promise<Subscription[]> {
    const all: Subscription[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken })).catch((error: unknown) => {
        throw toPortError(error, `list subscriptions of ${TopicArn}`);
      });
      all.push(...(page.Subscriptions ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  }

  private topicArn(topic: 'reports' | 'alerts'): string {
    const arn = this.topics[topic];
    if (!arn)
      throw new PortError(
        'UNAVAILABLE',
        `no SNS topic is configured for ${topic} (${topic === 'reports' ? 'REPORTS_TOPIC_ARN' : 'ALERTS_TOPIC_ARN'})`,
      );
    return arn;
  }
}

/** Listed subscriptions awaiting confirmation have the ARN "PendingConfirmation". */
const isConfirmed = (arn: string | undefined): boolean => Boolean(arn && arn.startsWith('arn:'));
