import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { EventStore, type NewEvent } from '@pipeline/domain/ports/event-store.js';
import { isConcurrencyConflict } from '@pipeline/domain/errors.js';
import { PROJECTIONS, Projection } from './projection.js';
import { publishedEventOf } from './published-event.js';

export interface DecideOutcome<S> {
  readonly ok: true;
  readonly state: S;
  readonly appended: readonly StoredEvent[];
}
export interface DecideRefusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** A stream's fold: initial state plus evolve. */
export interface StreamFold<S, E> {
  readonly initial: S;
  evolve(state: S, event: E): S;
}

/**
 * Loads a stream, decides, appends with the expected version and projects the new events.
 * A concurrent writer makes the append fail: the whole decision is retried on fresh state.
 */
@Injectable()
export class DomainEventPublisher {
  constructor(
    private readonly store: EventStore,
    private readonly eventBus: EventBus,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  async load<S, E>(streamId: string, fold: StreamFold<S, E>): Promise<{ state: S; version: number; events: StoredEvent[] }> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => fold.evolve(s, { type: e.type, data: e.data } as E), fold.initial);
    return { state, version: events.length ? events[events.length - 1].version : 0, events };
  }

  async decide<S, E extends NewEvent>(
    streamId: string,
    fold: StreamFold<S, E>,
    decide: (state: S) => { ok: true; events: readonly E[] } | { ok: false; code: string; message: string },
    attempts = 5,
  ): Promise<DecideOutcome<S> | DecideRefusal> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(streamId, fold);
      const result = decide(state);
      if (!result.ok) return result;
      if (result.events.length === 0) return { ok: true, state, appended: [] };
      try {
        await this.store.append(streamId, result.events, version);
      } catch (error) {
        if (isConcurrencyConflict(error) && attempt < attempts) continue;
        throw error;
      }
      const after = await this.store.readStream(streamId);
      const appended = after.filter((e) => e.version > version);
      await this.project(appended);
      const newState = result.events.reduce((s, e) => fold.evolve(s, e), state);
      return { ok: true, state: newState, appended };
    }
  }

  /** Runs every interested projection (awaited), then hands the events to the EventBus for live listeners. */
  async project(events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      for (const projection of this.projections) {
        if (projection.handles(event.type)) await projection.project(event);
      }
    }
    this.eventBus.publishAll(events.map(publishedEventOf));
  }
}
