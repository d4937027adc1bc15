import { appendTransaction } from './append-transaction.js';
import { positionItemOf, type EventItem } from './event-items.js';

const item = (version: number, position: number): EventItem => ({
  streamId: 's',
  version,
  position,
  type: 'T',
  data: '{}',
  recordedAt: '2026-11-26T00:00:00.000Z',
});

function planFor(expectedVersion: number, head: number) {
  const items = [item(expectedVersion + 1, head + 1), item(expectedVersion + 2, head + 2)];
  return appendTransaction('events', { streamId: 's', expectedVersion, head, items, positions: items.map((e) => positionItemOf(e, 10)) });
}

const cancelled = (...codes: string[]) =>
  Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('appendTransaction', () => {
  it('moves the head, checks the expected version, puts events and their position entries', () => {
    const { items } = planFor(3, 41);
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['Put', 'ConditionCheck', 'Put', 'Put', 'Put', 'Put']);
    expect(items[0].Put).toMatchObject({
      Item: { streamId: '$head', version: 0, position: 43 },
      ConditionExpression: '#p = :head',
      ExpressionAttributeValues: { ':head': 41 },
    });
    expect(items[1].ConditionCheck).toMatchObject({
      Key: { streamId: 's', version: 3 },
      ConditionExpression: 'attribute_exists(streamId)',
    });
    expect(items[4].Put?.Item).toMatchObject({ streamId: '$all#4', version: 42, eventStreamId: 's', eventVersion: 4 });
  });

  it('creates the head and checks no version for a new stream', () => {
    const { items } = planFor(0, 0);
    expect(items[0].Put).toMatchObject({ ConditionExpression: 'attribute_not_exists(streamId)' });
    expect(items.some((i) => 'ConditionCheck' in i)).toBe(false);
  });

  it.each([
    ['the version check failed', cancelled('None', 'ConditionalCheckFailed', 'None', 'None', 'None', 'None'), 'stream-conflict'],
    [
      'an event already exists (and the head moved too)',
      cancelled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed', 'None', 'None', 'None'),
      'stream-conflict',
    ],
    ['only the head moved: another stream appended', cancelled('ConditionalCheckFailed', 'None', 'None', 'None', 'None', 'None'), 'retry'],
    ['a transaction conflict', cancelled('TransactionConflict', 'None', 'None', 'None', 'None', 'None'), 'retry'],
    ['throttling inside the transaction', cancelled('ThrottlingError', 'None', 'None', 'None', 'None', 'None'), 'other'],
    ['a network error', Object.assign(new Error('reset'), { name: 'ECONNRESET' }), 'other'],
  ])('explains %s', (_label, error, expected) => {
    expect(planFor(3, 41).explain(error)).toBe(expected);
  });
});
