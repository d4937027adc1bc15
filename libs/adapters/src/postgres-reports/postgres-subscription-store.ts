import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import { toPortError } from '../postgres/postgres-errors.js';
import type { SqlDatabase } from '../postgres/sql-database.js';

interface SubscriptionRow {
  subscription_id: string;
  protocol: SubscriptionView['protocol'];
  endpoint: string;
  status: SubscriptionView['status'];
  provider_ref: string | null;
  requested_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  last_event_version: number;
}

const COLUMNS = 'subscription_id, protocol, endpoint, status, provider_ref, requested_at, confirmed_at, cancelled_at, last_event_version';

/** `subscriptions` in PostgreSQL; upserts only move forward by event version. */
export class PostgresSubscriptionStore extends SubscriptionStore {
  constructor(private readonly db: SqlDatabase) {
    super();
  }

  async upsert(v: SubscriptionView): Promise<void> {
    await this.run(
      `INSERT INTO subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (subscription_id) DO UPDATE SET protocol = EXCLUDED.protocol, endpoint = EXCLUDED.endpoint, status = EXCLUDED.status,
         provider_ref = EXCLUDED.provider_ref, requested_at = EXCLUDED.requested_at, confirmed_at = EXCLUDED.confirmed_at,
         cancelled_at = EXCLUDED.cancelled_at, last_event_version = EXCLUDED.last_event_version
       WHERE subscriptions.last_event_version < EXCLUDED.last_event_version`,
      [v.subscriptionId, v.protocol, v.endpoint, v.status, v.providerRef, v.requestedAt, v.confirmedAt, v.cancelledAt, v.lastEventVersion],
      `storing subscription ${v.subscriptionId}`,
    );
  }

  async get(subscriptionId: string): Promise<SubscriptionView | null> {
    const rows = await this.run<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE subscription_id = $1`,
      [subscriptionId],
      'reading a subscription',
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(options: { includeCancelled: boolean }): Promise<SubscriptionView[]> {
    const where = options.includeCancelled ? '' : `WHERE status <> 'cancelled'`;
    const rows = await this.run<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions ${where} ORDER BY requested_at, subscription_id`,
      [],
      'listing subscriptions',
    );
    return rows.map(toView);
  }

  async findActive(protocol: SubscriptionView['protocol'], endpoint: string): Promise<SubscriptionView | null> {
    const rows = await this.run<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE protocol = $1 AND endpoint = $2 AND status <> 'cancelled' ORDER BY requested_at LIMIT 1`,
      [protocol, endpoint],
      'looking up a subscription',
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  private async run<T>(sql: string, params: unknown[], doing: string): Promise<T[]> {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toPortError(error, doing);
    }
  }
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toView(r: SubscriptionRow): SubscriptionView {
  return {
    subscriptionId: r.subscription_id,
    protocol: r.protocol,
    endpoint: r.endpoint,
    status: r.status,
    providerRef: r.provider_ref,
    requestedAt: r.requested_at.toISOString(),
    confirmedAt: iso(r.confirmed_at),
    cancelledAt: iso(r.cancelled_at),
    lastEventVersion: r.last_event_version,
  };
}
