import { isApiKeyRole } from '@pipeline/domain/api-keys/api-key-role.js';
import { ApiKeyStore, type ApiKeyRecord } from '@pipeline/domain/ports/api-key-store.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, role, secret_hash, created_at, revoked_at';
const INSERT = `INSERT INTO api_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`;
// Any constant works; it only has to differ from the other advisory locks the pipeline takes.
const FIRST_KEY_LOCK = 0x41504b59; // 'APKY'

/** `api_keys`: one row per key, holding the SHA-256 of its secret, never the secret. */
export class PostgresApiKeyStore extends ApiKeyStore {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async create(record: ApiKeyRecord): Promise<void> {
    await this.run(() => this.db.query(INSERT, paramsOf(record)), 'creating an API key');
  }

  async createIfNone(record: ApiKeyRecord): Promise<boolean> {
    // The transaction lock makes "is there any key? then insert" one step across processes.
    return this.run(
      () =>
        this.db.transaction(async (m) => {
          await m.query('SELECT pg_advisory_xact_lock($1)', [FIRST_KEY_LOCK]);
          const [any] = await m.query('SELECT 1 FROM api_keys LIMIT 1');
          if (any) return false;
          await m.query(INSERT, paramsOf(record));
          return true;
        }),
      'creating the first API key',
    );
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    const rows: ApiKeyRow[] = await this.run(
      () => this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]),
      'reading an API key',
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.run(
      () => this.db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`),
      'listing API keys',
    );
    return rows.map(toRecord);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    // A SELECT over a data-modifying CTE: its one row says whether a key was revoked.
    const [row] = await this.run<{ n: number }[]>(
      () =>
        this.db.query(
          'WITH r AS (UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM r',
          [id, at],
        ),
      'revoking an API key',
    );
    return row.n > 0;
  }

  private async run<T>(work: () => Promise<T>, doing: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

const paramsOf = (r: ApiKeyRecord): unknown[] => [r.id, r.name, r.role, r.secretHash, r.createdAt, r.revokedAt];

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  if (!isApiKeyRole(row.role)) throw new Error(`api_keys row ${row.id} has unknown role ${row.role}`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
