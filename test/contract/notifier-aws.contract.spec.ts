import { createServer, type IncomingMessage, type Server } from 'node:http';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { awsClientConfig } from '@pipeline/adapters/aws/aws-client-config.js';
import { SnsNotifier } from '@pipeline/adapters/sns/sns-notifier.js';
import { describeWithMoto, uniqueName } from '@pipeline/testing/moto/describe-with-moto.js';

/** A webhook receiver on 127.0.0.1 (moto POSTs to it synchronously during Publish; it never reaches https endpoints elsewhere in tests). */
async function webhookReceiver(): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

describeWithMoto('SnsNotifier on moto', (moto) => {
  let sns: SNSClient;
  let topics: { reports: string; alerts: string };
  let notifier: SnsNotifier;
  beforeEach(async () => {
    sns = new SNSClient(awsClientConfig(moto.settings));
    const make = async (name: string) => (await sns.send(new CreateTopicCommand({ Name: uniqueName(name) }))).TopicArn!;
    topics = { reports: await make('reports'), alerts: await make('alerts') };
    notifier = new SnsNotifier(sns, topics);
  });
  afterEach(() => sns.destroy());

  it('subscribes e-mail and webhooks to the right topic and unsubscribes them', async () => {
    const email = await notifier.subscribe('reports', 'EMAIL', 'ops@example.com');
    const hook = await notifier.subscribe('alerts', 'WEBHOOK', 'https://hooks.example.com/pipeline');
    expect(email).toMatchObject({
      protocol: 'EMAIL',
      endpoint: 'ops@example.com',
      id: expect.stringMatching(/^arn:aws:sns:.*:.*:reports-/),
    });
    expect(hook).toMatchObject({
      protocol: 'WEBHOOK',
      endpoint: 'https://hooks.example.com/pipeline',
      id: expect.stringContaining(':alerts-'),
    });
    const listed = async (topic: string) =>
      (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions!.map((s) => [s.Protocol, s.Endpoint]);
    expect(await listed(topics.reports)).toEqual([['email', 'ops@example.com']]);
    expect(await listed(topics.alerts)).toEqual([['https', 'https://hooks.example.com/pipeline']]);
    await notifier.unsubscribe(email.id);
    await notifier.unsubscribe(email.id);
    expect(await listed(topics.reports)).toEqual([]);
  });

  it('publishes the text to e-mail and the JSON to webhooks, reporting the subscriptions it reached', async () => {
    const receiver = await webhookReceiver();
    try {
      const hook = await notifier.subscribe('reports', 'WEBHOOK', receiver.url);
      const email = await notifier.subscribe('reports', 'EMAIL', 'ops@example.com');
      const result = await notifier.publish('reports', {
        subject: 'Daily report 2026-11-25: 3 ingestions — 1 alarm ✓\nsecond line',
        text: 'plain text body',
        json: { date: '2026-11-25', ingestions: 3 },
      });
      expect(result.failed).toEqual([]);
      expect(result.delivered.sort()).toEqual([hook.id, email.id].sort());
      const notification = receiver.bodies.find((b) => (b as { Type?: string }).Type === 'Notification') as {
        Message: string;
        Subject: string;
      };
      expect(JSON.parse(notification.Message)).toEqual({ date: '2026-11-25', ingestions: 3 });
      expect(notification.Subject).toMatch(/^[\x20-\x7e]{1,100}$/);
    } finally {
      await receiver.close();
    }
  });

  it('names the missing variable when a topic is not configured', async () => {
    const partial = new SnsNotifier(sns, { reports: topics.reports, alerts: undefined });
    await expect(partial.publish('alerts', { subject: 's', text: 't', json: {} })).rejects.toThrow('ALERTS_TOPIC_ARN');
  });
});
