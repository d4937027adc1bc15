import { accept, type DecideResult, type Decider, refuse } from '../decider.js';
import type { IngestionEvent } from '../events/ingestion-events.js';
import type {
  CompleteIngestion,
  DeadLetterIngestion,
  FailIngestion,
  IngestionCommand,
  IngestionRefusalCode,
  RegisterIngestion,
  RejectIngestion,
  RequestReplay,
  StartIngestion,
} from './ingestion-commands.js';
import { evolveIngestion, initialIngestionState, type IngestionState, type IngestionStatus } from './ingestion-state.js';

export type { IngestionCommand, IngestionRefusalCode } from './ingestion-commands.js';
export { evolveIngestion, initialIngestionState, type IngestionState, type IngestionStatus } from './ingestion-state.js';
export { ingestionIdFor } from './ingestion-id.js';

type Result = DecideResult<IngestionEvent>;

/**
 * The Ingestion aggregate's decisions. Redelivered work is a no-op rather than an error
 * (a queue delivers at least once): registering twice, starting or completing a finished
 * ingestion all return `{ ok: true, events: [] }`.
 */
export function decideIngestion(command: IngestionCommand, state: IngestionState): Result {
  if (state.status === 'new' && command.type !== 'RegisterIngestion') {
    return refusal('INGESTION_NOT_FOUND', `${command.type}: no ingestion has been registered on this stream`);
  }
  switch (command.type) {
    case 'RegisterIngestion':
      return register(command, state);
    case 'StartIngestion':
      return start(command, state);
    case 'CompleteIngestion':
      return complete(command, state);
    case 'RejectIngestion':
      return reject(command, state);
    case 'FailIngestion':
      return fail(command, state);
    case 'DeadLetterIngestion':
      return deadLetter(command, state);
    case 'RequestReplay':
      return requestReplay(command, state);
    default: {
      const unknownCommand: never = command;
      throw new TypeError(`unknown ingestion command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

export const ingestionDecider: Decider<IngestionCommand, IngestionEvent, IngestionState> = {
  initialState: initialIngestionState,
  evolve: evolveIngestion,
  decide: decideIngestion,
};

function register({ data }: RegisterIngestion, state: IngestionState): Result {
  if (state.status === 'new') {
    return accept({
      type: 'IngestionReceived',
      data: { ingestionId: data.ingestionId, dataset: data.dataset, source: data.source, receivedAt: data.at },
    });
  }
  if (state.dataset !== data.dataset) {
    return refusal(
      'INGESTION_CONFLICT',
      `ingestion ${state.ingestionId} is already registered for dataset ${state.dataset}, not ${data.dataset}`,
    );
  }
  return accept();
}

function start({ data }: StartIngestion, state: IngestionState): Result {
  switch (state.status) {
    case 'completed':
    case 'rejected':
      return accept();
    case 'dead_lettered':
      return refusal(
        'INGESTION_DEAD_LETTERED',
        `ingestion ${state.ingestionId} is dead-lettered: request a replay before starting it again`,
      );
    default:
      // From processing too: the previous attempt's worker died without recording an outcome.
      return accept({
        type: 'IngestionStarted',
        data: { ingestionId: state.ingestionId, attempt: state.attempts + 1, contractVersion: data.contractVersion, startedAt: data.at },
      });
  }
}

function complete({ data }: CompleteIngestion, state: IngestionState): Result {
  if (state.status === 'completed') return accept();
  if (state.status !== 'processing') return wrongState('complete', state, 'processing');
  const id = state.ingestionId;
  const durationMs = state.startedAt === null ? 0 : Math.max(0, Date.parse(data.at) - Date.parse(state.startedAt));
  return accept(
    {
      type: 'QualityChecked',
      data: {
        ingestionId: id,
        counts: data.counts,
        ruleResults: data.ruleResults,
        contractVersion: data.contractVersion,
        checkedAt: data.at,
      },
    },
    { type: 'RecordsStored', data: { ingestionId: id, sinks: data.sinks, storedAt: data.at } },
    { type: 'IngestionCompleted', data: { ingestionId: id, completedAt: data.at, durationMs } },
  );
}

const REJECTABLE: readonly IngestionStatus[] = ['received', 'processing', 'failed', 'replay_requested'];

function reject({ data }: RejectIngestion, state: IngestionState): Result {
  if (state.status === 'rejected') return accept();
  if (!REJECTABLE.includes(state.status)) return wrongState('reject', state, REJECTABLE.join(', '));
  const id = state.ingestionId;
  const events: IngestionEvent[] = [];
  if (data.counts) {
    const contractVersion = data.contractVersion ?? state.contractVersion ?? 0;
    events.push({
      type: 'QualityChecked',
      data: { ingestionId: id, counts: data.counts, ruleResults: data.ruleResults ?? [], contractVersion, checkedAt: data.at },
    });
  }
  events.push({
    type: 'IngestionRejected',
    data: { ingestionId: id, reason: data.reason, ...(data.counts ? { counts: data.counts } : {}), rejectedAt: data.at },
  });
  return accept(...events);
}

const FAILABLE: readonly IngestionStatus[] = ['received', 'processing', 'replay_requested'];

function fail({ data }: FailIngestion, state: IngestionState): Result {
  if (state.status === 'failed') return accept();
  if (!FAILABLE.includes(state.status)) return wrongState('fail', state, FAILABLE.join(', '));
  return accept({
    type: 'IngestionFailed',
    data: { ingestionId: state.ingestionId, attempt: state.attempts, error: data.error, failedAt: data.at },
  });
}

function deadLetter({ data }: DeadLetterIngestion, state: IngestionState): Result {
  // A finished ingestion's message can still reach the DLQ (say its ack was lost): nothing to record.
  if (state.status === 'dead_lettered' || state.status === 'completed' || state.status === 'rejected') return accept();
  return accept({
    type: 'IngestionDeadLettered',
    data: { ingestionId: state.ingestionId, attempts: state.attempts, lastError: data.lastError, deadLetteredAt: data.at },
  });
}

const REPLAYABLE: readonly IngestionStatus[] = ['failed', 'dead_lettered', 'rejected'];

function requestReplay({ data }: RequestReplay, state: IngestionState): Result {
  if (!REPLAYABLE.includes(state.status)) {
    return refusal(
      'REPLAY_NOT_ALLOWED',
      `ingestion ${state.ingestionId} is ${state.status}: only failed, dead-lettered or rejected ingestions can be replayed`,
    );
  }
  return accept({
    type: 'IngestionReplayRequested',
    data: { ingestionId: state.ingestionId, requestedBy: data.requestedBy, requestedAt: data.at },
  });
}

function wrongState(verb: string, state: IngestionState, allowed: string): Result {
  return refusal('INVALID_TRANSITION', `cannot ${verb} ingestion ${state.ingestionId}: it is ${state.status} (allowed from ${allowed})`);
}

const refusal = (code: IngestionRefusalCode, message: string): Result => refuse(code, message);
