import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** API keys for the GraphQL/REST API: the SHA-256 of each key's secret, never the key. */
export class CreateApiKeys1764100000101 implements MigrationInterface {
  name = 'CreateApiKeys1764100000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('reader', 'ingester', 'admin')),
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_keys');
  }
}
