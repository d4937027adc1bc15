import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The event store: one row per event; `position` is the global order catch-up projections follow. */
export class CreateEvents1764100000001 implements MigrationInterface {
  name = 'CreateEvents1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        position bigserial PRIMARY KEY,
        stream_id text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        type text NOT NULL,
        data jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE events');
  }
}
