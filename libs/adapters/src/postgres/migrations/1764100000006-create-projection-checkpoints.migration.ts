import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** How far each catch-up projection has read the `events` table (by position). */
export class CreateProjectionCheckpoints1764100000006 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1764100000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_checkpoints');
  }
}
