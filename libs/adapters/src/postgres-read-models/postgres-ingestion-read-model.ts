import type { SqlDatabase } from '../postgres/sql-database.js';
import { IngestionReadModel, type IngestionFilter } from '@pipeline/domain/ports/read-model-stores.js';
import type { IngestionView } from '@pipeline/domain/read-models/ingestion-view.js';
import { PortError } from '@pipeline/domain/errors.js';
import { INGESTION_COLUMNS, toIngestionParams, toIngestionView, type IngestionRow } from './ingestion-row.mapper.js';

const placeholders = INGESTION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const updates = INGESTION_COLUMNS.filter((c) => c !== 'ingestion_id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/** `ingestions` in PostgreSQL. Upserts only move forward (by event version), so late or repeated projections are harmless. */
export class PostgresIngestionReadModel extends IngestionReadModel {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async upsert(view: IngestionView): Promise<void> {
    await this.db.query(
      `INSERT INTO ingestions (${INGESTION_COLUMNS.join(', ')}, updated_at) VALUES (${placeholders}, now())
       ON CONFLICT (ingestion_id) DO UPDATE SET ${updates}, updated_at = now()
       WHERE ingestions.last_event_version < EXCLUDED.last_event_version`,
      toIngestionParams(view),
    );
  }

  async get(ingestionId: string): Promise<IngestionView | null> {
    const rows: IngestionRow[] = await this.db.query(`SELECT ${INGESTION_COLUMNS.join(', ')} FROM ingestions WHERE ingestion_id = $1`, [
      ingestionId,
    ]);
    return rows[0] ? toIngestionView(rows[0]) : null;
  }

  async list(filter: IngestionFilter): Promise<{ items: IngestionView[]; next: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.dataset) add('dataset = ?', filter.dataset);
    if (filter.status) add('status = ?', filter.status);
    if (filter.from) add('received_at >= ?', filter.from);
    if (filter.to) add('received_at < ?', filter.to);
    if (filter.after) {
      const [at, id] = decodeCursor(filter.after);
      params.push(at, id);
      where.push(`(received_at, ingestion_id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(filter.limit + 1);
    const rows: IngestionRow[] = await this.db.query(
      `SELECT ${INGESTION_COLUMNS.join(', ')} FROM ingestions ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY received_at DESC, ingestion_id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map(toIngestionView);
    const last = items[items.length - 1];
    return { items, next: rows.length > filter.limit && last ? encodeCursor(last.receivedAt, last.ingestionId) : null };
  }
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new PortError('INVALID_INPUT', 'invalid cursor');
}
