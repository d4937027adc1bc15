import type { StoredEvent } from '../events/domain-event.js';
import { ingestionActivityOf } from './ingestion-activity.js';

const id = 'i-1';
let version = 0;
const ev = (type: string, data: Record<string, unknown>): StoredEvent =>
  ({
    streamId: `ingestion-${id}`,
    version: ++version,
    position: version,
    type,
    data: { ingestionId: id, ...data },
    recordedAt: '',
  }) as StoredEvent;

describe('ingestionActivityOf', () => {
  beforeEach(() => (version = 0));

  it('turns a retried, dead-lettered, replayed and completed ingestion into its activities', () => {
    const events = [
      ev('IngestionReceived', {
        dataset: 'orders',
        source: { kind: 'object', key: 'raw/orders/a.csv', size: 1234 },
        receivedAt: '2026-11-25T10:00:00.000Z',
      }),
      ev('IngestionStarted', { attempt: 1, contractVersion: 1, startedAt: '2026-11-25T10:00:01.000Z' }),
      ev('IngestionFailed', { attempt: 1, error: { code: 'UNAVAILABLE', message: 'db down' }, failedAt: '2026-11-25T10:00:03.500Z' }),
      ev('IngestionDeadLettered', { attempts: 3, lastError: 'db down', deadLetteredAt: '2026-11-25T11:00:00.000Z' }),
      ev('IngestionReplayRequested', { requestedBy: 'cli', requestedAt: '2026-11-25T12:00:00.000Z' }),
      ev('IngestionStarted', { attempt: 2, contractVersion: 1, startedAt: '2026-11-25T12:00:05.000Z' }),
      ev('QualityChecked', { counts: {}, ruleResults: [], contractVersion: 1, checkedAt: '2026-11-25T12:00:07.000Z' }),
      ev('RecordsStored', { sinks: [], storedAt: '2026-11-25T12:00:07.000Z' }),
      ev('IngestionCompleted', { completedAt: '2026-11-25T12:00:07.000Z', durationMs: 2000 }),
      ev('IngestionReplayRequested', { requestedBy: 'cli', requestedAt: '2026-11-25T13:00:00.000Z' }),
    ];
    const rows = ingestionActivityOf(events).map((a) => [a.version, a.kind, a.attempt, a.durationMs, a.deadLetterDelta, a.bytes]);
    expect(rows).toEqual([
      [1, 'received', null, null, 0, 1234],
      [2, 'started', 1, null, 0, null],
      [3, 'failed', 1, 2500, 0, null],
      [4, 'dead_lettered', 1, null, 1, null],
      [5, 'replay_requested', 1, null, -1, null],
      [6, 'started', 2, null, 0, null],
      [9, 'completed', 2, 2000, 0, null],
      // A replay of a completed ingestion takes nothing out of the dead-letter queue.
      [10, 'replay_requested', 2, null, 0, null],
    ]);
    expect(ingestionActivityOf(events).every((a) => a.dataset === 'orders' && a.ingestionId === id)).toBe(true);
  });

  it('measures a rejection from its start; one without a start has no duration', () => {
    const received = ev('IngestionReceived', {
      dataset: 'd',
      source: { kind: 'payload', key: 'raw/d/p.json' },
      receivedAt: '2026-11-25T00:00:00.000Z',
    });
    const rejected = ev('IngestionRejected', {
      reason: { code: 'EMPTY_FILE', message: 'empty', file: 'x' },
      rejectedAt: '2026-11-25T00:00:01.000Z',
    });
    expect(ingestionActivityOf([received, rejected]).map((a) => [a.kind, a.durationMs, a.bytes])).toEqual([
      ['received', null, null],
      ['rejected', null, null],
    ]);
  });

  it('yields nothing for a stream without IngestionReceived', () => {
    expect(
      ingestionActivityOf([ev('IngestionStarted', { attempt: 1, contractVersion: null, startedAt: '2026-11-25T00:00:00.000Z' })]),
    ).toEqual([]);
  });
});
