import { PutBucketNotificationConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import { SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { QueuePair } from './provision-queues.js';

export type NotificationRoute = 'eventbridge' | 'direct';

export interface NotificationClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  /** Loaded only when the EventBridge route is tried. */
  readonly eventBridge: () => Promise<EventBridgeClient>;
}

/**
 * Raw bucket → processing queue. `eventbridge` (as Terraform wires it): the bucket sends its events
 * to EventBridge and a rule on "Object Created" for this bucket targets the queue. `direct`: an S3
 * notification straight to the queue (classic S3 event bodies, plus an s3:TestEvent on setup).
 * `auto` tries EventBridge and falls back to direct where the endpoint lacks it. Each route
 * replaces the bucket's whole notification configuration, so re-running never doubles events.
 */
export async function connectRawBucket(
  clients: NotificationClients,
  bucket: string,
  queue: QueuePair,
  route: NotificationRoute | 'auto',
  ruleName: string,
): Promise<NotificationRoute> {
  if (route !== 'direct') {
    try {
      await viaEventBridge(clients, bucket, queue, ruleName);
      return 'eventbridge';
    } catch (error) {
      if (route === 'eventbridge') throw error;
    }
  }
  await allowSender(clients.sqs, queue, 's3.amazonaws.com', `arn:aws:s3:::${bucket}`);
  await clients.s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            QueueArn: queue.queueArn,
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'raw/' }] } },
          },
        ],
      },
    }),
  );
  return 'direct';
}

async function viaEventBridge(clients: NotificationClients, bucket: string, queue: QueuePair, ruleName: string): Promise<void> {
  const { PutRuleCommand, PutTargetsCommand } = await import('@aws-sdk/client-eventbridge');
  const events = await clients.eventBridge();
  const pattern = {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: { bucket: { name: [bucket] }, object: { key: [{ prefix: 'raw/' }] } },
  };
  const rule = await events.send(new PutRuleCommand({ Name: ruleName, EventPattern: JSON.stringify(pattern), State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: ruleName, Targets: [{ Id: 'processing-queue', Arn: queue.queueArn }] }));
  await allowSender(clients.sqs, queue, 'events.amazonaws.com', rule.RuleArn!);
  await clients.s3.send(
    new PutBucketNotificationConfigurationCommand({ Bucket: bucket, NotificationConfiguration: { EventBridgeConfiguration: {} } }),
  );
}

/** The queue policy: only this sender, only for this source, may send. */
async function allowSender(sqs: SQSClient, queue: QueuePair, service: string, sourceArn: string): Promise<void> {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'raw-bucket-notifications',
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sqs:SendMessage',
        Resource: queue.queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
      },
    ],
  };
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.queueUrl, Attributes: { Policy: JSON.stringify(policy) } }));
}
