import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { ensureQueuePair, type QueuePair } from '@pipeline/adapters/aws/provisioning/provision-queues.js';
import { SqsWorkQueue } from '@pipeline/adapters/sqs/sqs-work-queue.js';
import { describeWithMoto, uniqueName, type MotoHandle } from '@pipeline/testing/moto/describe-with-moto.js';
import { describeWorkQueueContract } from './suites/work-queue.contract-suite.js';

describeWithMoto('SqsWorkQueue on moto', (moto) => {
  let sqs: SQSClient;
  beforeAll(() => {
    sqs = new SQSClient(awsClientConfig(moto.settings));
  });
  afterAll(() => sqs.destroy());

  const freshPair = (m: MotoHandle) =>
    ensureQueuePair(sqs ?? new SQSClient(awsClientConfig(m.settings)), uniqueName('work'), {
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 3,
    });
  const queueOn = (pair: QueuePair) =>
    new SqsWorkQueue(sqs, { queueUrl: pair.queueUrl, deadLetterQueueUrl: pair.dlqUrl, maxReceiveCount: 3 });

  describeWorkQueueContract('SqsWorkQueue (moto)', async () => queueOn(await freshPair(moto)));

  describe('SQS specifics', () => {
    let pair: QueuePair;
    let queue: SqsWorkQueue;
    beforeEach(async () => {
      pair = await freshPair(moto);
      queue = queueOn(pair);
    });

    it('carries bodies SQS refuses (empty, control characters) and leaves ordinary bodies untouched for other consumers', async () => {
      for (const body of ['', 'nul \u0000 and bell \u0007', '{"kind":"process-ingestion","v":1,"ingestionId":"x"}']) await queue.send(body);
      const raw = await sqs.send(new ReceiveMessageCommand({ QueueUrl: pair.queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
      expect(raw.Messages!.map((m) => m.Body)).toContain('{"kind":"process-ingestion","v":1,"ingestionId":"x"}');
      const got = await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: 60 });
      expect(got.map((m) => m.body).sort()).toEqual(
        ['', '{"kind":"process-ingestion","v":1,"ingestionId":"x"}', 'nul \u0000 and bell \u0007'].sort(),
      );
    });

    it('receives messages other producers sent (an EventBridge envelope) as they are', async () => {
      const envelope = JSON.stringify({ 'detail-type': 'Object Created', detail: { object: { key: 'raw/orders/a b.csv' } } });
      await sqs.send(new SendMessageCommand({ QueueUrl: pair.queueUrl, MessageBody: envelope }));
      const [message] = await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 60 });
      expect(message.body).toBe(envelope);
    });

    it('redrives by receive → send → delete when the endpoint has no StartMessageMoveTask, keeping encoded bodies intact', async () => {
      for (const body of ['', 'x1', 'x2']) await queue.send(body);
      for (let i = 0; i < 4; i++) await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: 0 });
      expect(await queue.deadLetterDepth()).toBe(3);
      // Asking for the whole DLQ tries SQS's move task first; moto fails it and the fallback moves them.
      expect(await queue.redrive(100)).toBe(3);
      expect(await queue.deadLetterDepth()).toBe(0);
      const back = await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: 60 });
      expect(back.map((m) => m.body).sort()).toEqual(['', 'x1', 'x2']);
      expect(back.map((m) => m.receiveCount)).toEqual([1, 1, 1]);
    });

    it('reports depth with delayed messages as in flight', async () => {
      await queue.send('now');
      await queue.send('later', { delaySeconds: 60 });
      expect(await queue.depth()).toEqual({ visible: 1, inFlight: 1 });
    });

    it('treats a malformed receipt as stale', async () => {
      await queue.send('x');
      await queue.ack('not-a-receipt');
      await queue.retry('not-a-receipt', 0);
      expect(await queue.depth()).toEqual({ visible: 1, inFlight: 0 });
    });
  });
});
