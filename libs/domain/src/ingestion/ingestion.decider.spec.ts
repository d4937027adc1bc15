import type { IngestionEvent, IngestionSource, RecordCounts, RejectionReason, RuleResult } from '../events/ingestion-events.js';
import type { SinkResult } from '../records/processed-row.js';
import { given } from './given-when-then.spec-support.js';
import type { IngestionCommand } from './ingestion-commands.js';
import { evolveIngestion, ingestionDecider, initialIngestionState, type IngestionStatus } from './ingestion.decider.js';

const id = 'ing-1';
const source: IngestionSource = { kind: 'object', key: 'raw/orders/a.csv', etag: 'e1' };
const counts: RecordCounts = { recordsIn: 10, valid: 8, warned: 1, quarantined: 1, duplicates: 0 };
const ruleResults: RuleResult[] = [
  { rule: 'IsComplete', column: 'id', action: 'quarantine', passed: 9, failed: 1, samples: [{ row: 3, message: 'm' }] },
];
const sinks: SinkResult[] = [{ sink: 'postgres', targets: ['processed_data'], rows: 9, bytes: 900 }];
const reason: RejectionReason = { code: 'UNBALANCED_QUOTE', message: 'line 3: unbalanced quote', file: 'raw/orders/a.csv', line: 3 };

const T0 = '2026-11-26T10:00:00.000Z';
const T1 = '2026-11-26T10:00:01.000Z';
const T2 = '2026-11-26T10:00:03.500Z';

const received: IngestionEvent = { type: 'IngestionReceived', data: { ingestionId: id, dataset: 'orders', source, receivedAt: T0 } };
const started = (attempt: number, at = T1): IngestionEvent => ({
  type: 'IngestionStarted',
  data: { ingestionId: id, attempt, contractVersion: 2, startedAt: at },
});
const failed = (attempt: number): IngestionEvent => ({
  type: 'IngestionFailed',
  data: { ingestionId: id, attempt, error: { code: 'UNAVAILABLE', message: 'db down' }, failedAt: T2 },
});
const completed: IngestionEvent = { type: 'IngestionCompleted', data: { ingestionId: id, completedAt: T2, durationMs: 2500 } };
const rejected: IngestionEvent = { type: 'IngestionRejected', data: { ingestionId: id, reason, rejectedAt: T2 } };
const deadLettered: IngestionEvent = {
  type: 'IngestionDeadLettered',
  data: { ingestionId: id, attempts: 3, lastError: 'db down', deadLetteredAt: T2 },
};
const replayRequested: IngestionEvent = {
  type: 'IngestionReplayRequested',
  data: { ingestionId: id, requestedBy: 'ops', requestedAt: T2 },
};

const register: IngestionCommand = { type: 'RegisterIngestion', data: { ingestionId: id, dataset: 'orders', source, at: T0 } };
const start: IngestionCommand = { type: 'StartIngestion', data: { contractVersion: 2, at: T1 } };
const complete: IngestionCommand = { type: 'CompleteIngestion', data: { counts, ruleResults, sinks, contractVersion: 2, at: T2 } };
const reject: IngestionCommand = { type: 'RejectIngestion', data: { reason, at: T2 } };
const fail: IngestionCommand = { type: 'FailIngestion', data: { error: { code: 'UNAVAILABLE', message: 'db down' }, at: T2 } };
const deadLetter: IngestionCommand = { type: 'DeadLetterIngestion', data: { lastError: 'db down', at: T2 } };
const replay: IngestionCommand = { type: 'RequestReplay', data: { requestedBy: 'ops', at: T2 } };

/** A history that ends in each status. */
const histories: Record<Exclude<IngestionStatus, 'new'>, IngestionEvent[]> = {
  received: [received],
  processing: [received, started(1)],
  completed: [received, started(1), completed],
  rejected: [received, started(1), rejected],
  failed: [received, started(1), failed(1)],
  dead_lettered: [received, started(1), failed(1), deadLettered],
  replay_requested: [received, started(1), failed(1), deadLettered, replayRequested],
};

describe('Ingestion decider', () => {
  describe('RegisterIngestion', () => {
    it('receives a new ingestion', () => {
      given(ingestionDecider).when(register).then(received);
    });

    it('is idempotent for an existing ingestion, whatever its status', () => {
      for (const history of Object.values(histories))
        given(ingestionDecider, ...history)
          .when(register)
          .then();
    });

    it('refuses the same source registered for another dataset', () => {
      given(ingestionDecider, received)
        .when({ type: 'RegisterIngestion', data: { ingestionId: id, dataset: 'customers', source, at: T0 } })
        .thenRefuses('INGESTION_CONFLICT', 'already registered for dataset orders');
    });
  });

  describe('every other command on a stream that was never registered', () => {
    it.each([start, complete, reject, fail, deadLetter, replay])('refuses $type', (command) => {
      given(ingestionDecider).when(command).thenRefuses('INGESTION_NOT_FOUND', command.type);
    });
  });

  describe('StartIngestion', () => {
    it.each<[string, IngestionEvent[], number]>([
      ['a received ingestion', histories.received, 1],
      ['a failed ingestion (retry)', histories.failed, 2],
      ['an ingestion whose worker crashed mid-attempt', histories.processing, 2],
      ['a replay', histories.replay_requested, 2],
    ])('starts %s with the next attempt number', (_label, history, attempt) => {
      given(ingestionDecider, ...history)
        .when(start)
        .then(started(attempt));
    });

    it.each([['completed'], ['rejected']] as const)('is a no-op for a %s ingestion (redelivery)', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(start)
        .then();
    });

    it('refuses a dead-lettered ingestion until a replay is requested', () => {
      given(ingestionDecider, ...histories.dead_lettered)
        .when(start)
        .thenRefuses('INGESTION_DEAD_LETTERED', 'request a replay');
    });

    it('records the contract version it starts with, even none', () => {
      given(ingestionDecider, received)
        .when({ type: 'StartIngestion', data: { contractVersion: null, at: T1 } })
        .then({ type: 'IngestionStarted', data: { ingestionId: id, attempt: 1, contractVersion: null, startedAt: T1 } });
    });
  });

  describe('CompleteIngestion', () => {
    it('records quality, storage and completion with the duration of the last attempt', () => {
      given(ingestionDecider, received, started(1, T0), failed(1), started(2, T1))
        .when(complete)
        .then(
          { type: 'QualityChecked', data: { ingestionId: id, counts, ruleResults, contractVersion: 2, checkedAt: T2 } },
          { type: 'RecordsStored', data: { ingestionId: id, sinks, storedAt: T2 } },
          { type: 'IngestionCompleted', data: { ingestionId: id, completedAt: T2, durationMs: 2500 } },
        );
    });

    it('is a no-op when already completed', () => {
      given(ingestionDecider, ...histories.completed)
        .when(complete)
        .then();
    });

    it.each([['received'], ['rejected'], ['failed'], ['dead_lettered'], ['replay_requested']] as const)(
      'refuses a %s ingestion',
      (status) => {
        given(ingestionDecider, ...histories[status])
          .when(complete)
          .thenRefuses('INVALID_TRANSITION', `it is ${status}`);
      },
    );
  });

  describe('RejectIngestion', () => {
    it('rejects without quality results when no records were counted', () => {
      given(ingestionDecider, ...histories.processing)
        .when(reject)
        .then({ type: 'IngestionRejected', data: { ingestionId: id, reason, rejectedAt: T2 } });
    });

    it('records the quality results first when counts are given, using the started contract version by default', () => {
      given(ingestionDecider, ...histories.processing)
        .when({ type: 'RejectIngestion', data: { reason, counts, at: T2 } })
        .then(
          { type: 'QualityChecked', data: { ingestionId: id, counts, ruleResults: [], contractVersion: 2, checkedAt: T2 } },
          { type: 'IngestionRejected', data: { ingestionId: id, reason, counts, rejectedAt: T2 } },
        );
    });

    it.each([['received'], ['failed'], ['replay_requested']] as const)('can reject a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(reject)
        .then({ type: 'IngestionRejected', data: { ingestionId: id, reason, rejectedAt: T2 } });
    });

    it('is a no-op when already rejected', () => {
      given(ingestionDecider, ...histories.rejected)
        .when(reject)
        .then();
    });

    it.each([['completed'], ['dead_lettered']] as const)('refuses a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(reject)
        .thenRefuses('INVALID_TRANSITION');
    });
  });

  describe('FailIngestion', () => {
    it('fails the current attempt', () => {
      given(ingestionDecider, received, started(1), failed(1), started(2)).when(fail).then(failed(2));
    });

    it('is a no-op when already failed', () => {
      given(ingestionDecider, ...histories.failed)
        .when(fail)
        .then();
    });

    it.each([['completed'], ['rejected'], ['dead_lettered']] as const)('refuses a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(fail)
        .thenRefuses('INVALID_TRANSITION', `it is ${status}`);
    });
  });

  describe('DeadLetterIngestion', () => {
    it.each([['received'], ['processing'], ['failed'], ['replay_requested']] as const)('dead-letters a %s ingestion', (status) => {
      const attempts = histories[status].filter((e) => e.type === 'IngestionStarted').length;
      given(ingestionDecider, ...histories[status])
        .when(deadLetter)
        .then({ type: 'IngestionDeadLettered', data: { ingestionId: id, attempts, lastError: 'db down', deadLetteredAt: T2 } });
    });

    it.each([['dead_lettered'], ['completed'], ['rejected']] as const)('is a no-op for a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(deadLetter)
        .then();
    });
  });

  describe('RequestReplay', () => {
    it.each([['failed'], ['dead_lettered'], ['rejected']] as const)('replays a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(replay)
        .then(replayRequested);
    });

    it.each([['completed'], ['received'], ['processing'], ['replay_requested']] as const)('refuses a %s ingestion', (status) => {
      given(ingestionDecider, ...histories[status])
        .when(replay)
        .thenRefuses('REPLAY_NOT_ALLOWED', `is ${status}`);
    });
  });

  describe('evolveIngestion', () => {
    it('folds a whole life into the state the deciders need', () => {
      const state = [...histories.replay_requested, started(2, T2)].reduce(evolveIngestion, initialIngestionState);
      expect(state).toEqual({
        status: 'processing',
        ingestionId: id,
        dataset: 'orders',
        source,
        receivedAt: T0,
        attempts: 2,
        startedAt: T2,
        contractVersion: 2,
        lastError: 'db down',
      });
    });

    it.each(Object.entries(histories))('ends %s', (status, history) => {
      expect(history.reduce(evolveIngestion, initialIngestionState).status).toBe(status);
    });
  });
});
