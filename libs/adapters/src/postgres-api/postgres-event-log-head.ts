import { EventLogHead } from '@pipeline/domain/ports/event-log-head.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

/** max(position) of `events` (a primary-key index probe). */
export class PostgresEventLogHead extends EventLogHead {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async latestPosition(): Promise<number> {
    try {
      const [row] = await this.db.query('SELECT coalesce(max(position), 0)::text AS p FROM events');
      return Number(row.p);
    } catch (error) {
      throw toPortError(error, 'reading the event log head');
    }
  }
}
