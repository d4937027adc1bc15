import { ConcurrencyConflictError } from '@pipeline/domain/errors.js';
import type { StoredEvent } from '@pipeline/domain/events/domain-event.js';
import { EventStore, type NewEvent } from '@pipeline/domain/ports/event-store.js';
import { isUniqueViolation, toPortError } from './postgres-errors.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';

// Every append takes this transaction lock, so appends commit one at a time in `position` order:
// a catch-up reader that has seen position N never later finds a committed event below N.
const APPEND_LOCK = 0x45564e54; // 'EVNT'

interface EventRow {
  stream_id: string;
  version: number;
  position: string;
  type: string;
  data: unknown;
  recorded_at: Date;
}

const columns = 'stream_id, version, position, type, data, recorded_at';

/** The `events` table; unique (stream_id, version) backs the optimistic concurrency check. */
export class PostgresEventStore extends EventStore {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async append(streamId: string, events: readonly NewEvent[], expectedVersion: number): Promise<{ version: number }> {
    try {
      return await this.db.transaction((tx) => appendLocked(tx, streamId, events, expectedVersion));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrencyConflictError(streamId, expectedVersion, { cause: error });
      throw toPortError(error, `appending to ${streamId}`);
    }
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const rows = await this.select(
      `SELECT ${columns} FROM events WHERE stream_id = $1 ORDER BY version`,
      [streamId],
      `reading ${streamId}`,
    );
    return rows.map(toStoredEvent);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const sql = `SELECT ${columns} FROM events WHERE position > $1 ORDER BY position LIMIT $2`;
    const rows = await this.select(sql, [afterPosition, limit], 'reading all events');
    return rows.map(toStoredEvent);
  }

  private async select(sql: string, params: unknown[], doing: string): Promise<EventRow[]> {
    try {
      return await this.db.query<EventRow>(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

// Only `tx` may be used in here: on PGlite a query through the database would wait for this transaction.
async function appendLocked(
  tx: SqlQueryable,
  streamId: string,
  events: readonly NewEvent[],
  expected: number,
): Promise<{ version: number }> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
  const [current] = await tx.query<{ version: number }>(
    'SELECT coalesce(max(version), 0)::int AS version FROM events WHERE stream_id = $1',
    [streamId],
  );
  if (current.version !== expected) throw new ConcurrencyConflictError(streamId, expected);
  if (events.length === 0) return { version: expected };
  const payload = JSON.stringify(events.map((e) => ({ type: e.type, data: e.data ?? null })));
  await tx.query(
    `INSERT INTO events (stream_id, version, type, data)
     SELECT $1, $2 + e.ord, e.value->>'type', e.value->'data'
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)
     ORDER BY e.ord`,
    [streamId, expected, payload],
  );
  return { version: expected + events.length };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    version: row.version,
    position: Number(row.position),
    type: row.type as StoredEvent['type'],
    data: row.data as StoredEvent['data'],
    recordedAt: row.recorded_at.toISOString(),
  };
}
