import type { Message, MessageSystemAttributeName } from '@aws-sdk/client-sqs';
import type { QueueMessage } from '@pipeline/domain/ports/work-queue.js';
import { decodeBody } from './sqs-body-encoding.js';

/** What every receive asks SQS for: the receive count and send time, and our own attributes. */
export const RECEIVE_ATTRIBUTES: { MessageSystemAttributeNames: MessageSystemAttributeName[]; MessageAttributeNames: string[] } = {
  MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
  MessageAttributeNames: ['All'],
};

/** An SQS message as the port describes it; the receipt is SQS's receipt handle. */
export function toQueueMessage(message: Message, receiveCountCap = Number.POSITIVE_INFINITY): QueueMessage {
  const count = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
  const sent = Number(message.Attributes?.SentTimestamp ?? Date.now());
  return {
    messageId: message.MessageId ?? '',
    receipt: message.ReceiptHandle ?? '',
    body: decodeBody(message),
    receiveCount: Math.min(count, receiveCountCap),
    sentAt: new Date(sent),
  };
}

/** SQS's answers to a receipt handle that is no longer the message's current one (or never was). */
export function isStaleReceipt(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return (
    name === 'ReceiptHandleIsInvalid' ||
    name === 'MessageNotInflight' ||
    name === 'InvalidParameterValue' ||
    name === 'InvalidParameterValueException'
  );
}
