import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface QueuePair {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

export interface QueuePairOptions {
  /** How long a received message stays hidden (Terraform: ≥ 6 × the processor timeout). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before SQS moves a message to the DLQ (3). */
  readonly maxReceiveCount: number;
}

/**
 * The processing queue and its DLQ, as Terraform makes them: redrive after `maxReceiveCount`
 * receives, 14 days' retention on the DLQ. Creating an existing queue with the same attributes
 * returns it, and the attributes are set again, so running this twice is harmless.
 */
export async function ensureQueuePair(sqs: SQSClient, name: string, options: QueuePairOptions): Promise<QueuePair> {
  const dlqUrl = await ensureQueue(sqs, `${name}-dlq`, { MessageRetentionPeriod: String(14 * 24 * 3600) });
  const dlqArn = await queueArn(sqs, dlqUrl);
  const attributes = {
    VisibilityTimeout: String(options.visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount }),
  };
  const queueUrl = await ensureQueue(sqs, name, attributes);
  return { queueUrl, queueArn: await queueArn(sqs, queueUrl), dlqUrl, dlqArn };
}

async function ensureQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  try {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    return created.QueueUrl!;
  } catch (error) {
    // An existing queue with other attributes: keep it, bring its attributes in line.
    if ((error as { name?: string }).name !== 'QueueNameExists' && (error as { name?: string }).name !== 'QueueAlreadyExists') throw error;
    const { GetQueueUrlCommand } = await import('@aws-sdk/client-sqs');
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes }));
    return QueueUrl!;
  }
}

export async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return result.Attributes!.QueueArn!;
}
