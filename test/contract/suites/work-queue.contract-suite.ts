import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueMessage, WorkQueue } from '@pipeline/domain/ports/work-queue.js';

const LONG = 60;
const TIMING_TEST_MS = 20_000;

/**
 * Every WorkQueue adapter must pass this. `makeAdapter` is called for each test and must return an
 * empty queue with its own dead-letter queue and maxReceiveCount 3. Timeouts are whole seconds (as SQS).
 */
export function describeWorkQueueContract(name: string, makeAdapter: () => Promise<WorkQueue>): void {
  describe(`${name} — WorkQueue contract`, () => {
    let queue: WorkQueue;
    beforeEach(async () => {
      queue = await makeAdapter();
    }, 60_000);

    const receiveOne = async (visibilityTimeoutSeconds = LONG): Promise<QueueMessage | undefined> =>
      (await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds }))[0];

    /** Receives the message, then makes it visible again at once: one used-up delivery. */
    const burnDelivery = async (): Promise<QueueMessage> => {
      const message = await receiveOne();
      if (!message) throw new Error('expected a message to burn a delivery on');
      await queue.retry(message.receipt, 0);
      return message;
    };

    it('sends, receives and acknowledges a message', async () => {
      const before = Date.now();
      const id = await queue.send('{"ingestionId":"a"}');
      const [message, ...rest] = await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: LONG });
      expect(rest).toEqual([]);
      expect(message).toMatchObject({ messageId: id, body: '{"ingestionId":"a"}', receiveCount: 1 });
      expect(message.receipt).toEqual(expect.any(String));
      expect(message.sentAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });

      await queue.ack(message.receipt);
      expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
      expect(await queue.receive({ maxMessages: 10, visibilityTimeoutSeconds: LONG })).toEqual([]);
    });

    it('keeps bodies intact and returns at most maxMessages', async () => {
      const bodies = ['plain', 'unicode ✓ 世界', 'quote " and \\ backslash', 'multi\nline', ''];
      for (const body of bodies) await queue.send(body);
      const first = await queue.receive({ maxMessages: 3, visibilityTimeoutSeconds: LONG });
      expect(first.length).toBeLessThanOrEqual(3);
      const rest = await receiveAll(queue, 10);
      expect([...first, ...rest].map((m) => m.body).sort()).toEqual([...bodies].sort());
    });

    it(
      'hides a received message until its visibility timeout expires, then delivers it again',
      async () => {
        await queue.send('job');
        const first = (await receiveOne(1))!;
        expect(await receiveOne(1)).toBeUndefined();
        await sleep(1_600);
        const second = await receiveOne(LONG);
        expect(second).toMatchObject({ messageId: first.messageId, body: 'job', receiveCount: 2 });
        expect(second!.receipt).not.toBe(first.receipt);
      },
      TIMING_TEST_MS,
    );

    it(
      'retries after a delay, keeping the receive count',
      async () => {
        await queue.send('job');
        const first = (await receiveOne())!;
        await queue.retry(first.receipt, 1);
        expect(await receiveOne()).toBeUndefined();
        await sleep(1_600);
        expect(await receiveOne()).toMatchObject({ messageId: first.messageId, receiveCount: 2 });
      },
      TIMING_TEST_MS,
    );

    it(
      'delays a message sent with delaySeconds',
      async () => {
        await queue.send('later', { delaySeconds: 1 });
        expect(await receiveOne()).toBeUndefined();
        await sleep(1_600);
        expect(await receiveOne()).toMatchObject({ body: 'later', receiveCount: 1 });
      },
      TIMING_TEST_MS,
    );

    it(
      'counts receives and dead-letters a message after 3 of them',
      async () => {
        const id = await queue.send('poison');
        const counts = [];
        for (let i = 0; i < 3; i++) counts.push((await burnDelivery()).receiveCount);
        expect(counts).toEqual([1, 2, 3]);

        expect(await receiveOne()).toBeUndefined();
        expect(await queue.deadLetterDepth()).toBe(1);
        expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
        const [dead] = await queue.peekDeadLetters(10);
        expect(dead).toMatchObject({ messageId: id, body: 'poison', receiveCount: 3 });
      },
      TIMING_TEST_MS,
    );

    it(
      'redrives dead letters back to the main queue with a fresh receive count',
      async () => {
        for (const body of ['d1', 'd2', 'd3']) await queue.send(body);
        await deadLetterEverythingVisible(queue);
        expect(await queue.deadLetterDepth()).toBe(3);

        expect(await queue.redrive(2)).toBe(2);
        expect(await queue.deadLetterDepth()).toBe(1);
        const back = await receiveAll(queue, 10);
        expect(back).toHaveLength(2);
        expect(back.map((m) => m.receiveCount)).toEqual([1, 1]);
        expect(await queue.redrive(10)).toBe(1);
        expect(await queue.redrive(10)).toBe(0);
        expect(
          (await receiveAll(queue, 10))
            .map((m) => m.body)
            .concat(back.map((m) => m.body))
            .sort(),
        ).toEqual(['d1', 'd2', 'd3']);
      },
      TIMING_TEST_MS,
    );

    it(
      'never gives one message to two concurrent consumers',
      async () => {
        const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => queue.send(`m${i}`)));
        const [a, b] = await Promise.all([receiveAll(queue, 5), receiveAll(queue, 5)]);
        const ids = [...a, ...b].map((m) => m.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual([...sent].sort());
      },
      TIMING_TEST_MS,
    );

    it(
      'ignores an acknowledgement or retry with the receipt of an earlier delivery',
      async () => {
        await queue.send('job');
        const first = (await receiveOne(1))!;
        await sleep(1_600);
        const second = (await receiveOne(LONG))!;
        await queue.ack(first.receipt);
        await queue.retry(first.receipt, 0);
        expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
        await queue.ack(second.receipt);
        expect(await queue.depth()).toEqual({ visible: 0, inFlight: 0 });
      },
      TIMING_TEST_MS,
    );

    it(
      'reports depth and peeks dead letters oldest first without removing them',
      async () => {
        const bodies = ['p1', 'p2', 'p3', 'p4'];
        for (const body of bodies) {
          await queue.send(body);
          await sleep(5);
        }
        const held = (await receiveOne())!;
        expect(await queue.depth()).toEqual({ visible: 3, inFlight: 1 });

        await deadLetterEverythingVisible(queue);
        expect(await queue.deadLetterDepth()).toBe(3);
        expect(await queue.depth()).toEqual({ visible: 0, inFlight: 1 });
        const dead = bodies.filter((b) => b !== held.body);
        expect((await queue.peekDeadLetters(2)).map((m) => m.body)).toEqual(dead.slice(0, 2));
        expect((await queue.peekDeadLetters(10)).map((m) => m.body)).toEqual(dead);
        expect(await queue.deadLetterDepth()).toBe(3);
      },
      TIMING_TEST_MS,
    );
  });
}

/** Receives with visibility 0 until nothing comes back: every visible message uses up its deliveries and dead-letters. */
const deadLetterEverythingVisible = (queue: WorkQueue): Promise<QueueMessage[]> => receiveAll(queue, 10, 0);

/** Receives until the queue returns nothing, `batch` at a time (bounded, so a queue that never dead-letters fails fast). */
async function receiveAll(queue: WorkQueue, batch: number, visibilityTimeoutSeconds = LONG): Promise<QueueMessage[]> {
  const all: QueueMessage[] = [];
  for (let round = 0; round < 100; round++) {
    const got = await queue.receive({ maxMessages: batch, visibilityTimeoutSeconds });
    if (got.length === 0) return all;
    all.push(...got);
  }
  throw new Error('the queue kept delivering messages after 100 receives');
}
