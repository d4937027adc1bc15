import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Subscriptions read model: who receives the daily report, folded from each subscription stream. */
export class CreateSubscriptions1764100000203 implements MigrationInterface {
  name = 'CreateSubscriptions1764100000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscriptions (
        subscription_id text PRIMARY KEY,
        protocol text NOT NULL CHECK (protocol IN ('EMAIL', 'WEBHOOK')),
        endpoint text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),
        provider_ref text NULL,
        requested_at timestamptz NOT NULL,
        confirmed_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        last_event_version int NOT NULL
      )`);
    await q.query(`CREATE INDEX subscriptions_active_idx ON subscriptions (protocol, endpoint) WHERE status <> 'cancelled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE subscriptions');
  }
}
